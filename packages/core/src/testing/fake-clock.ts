import type { TimerHandle } from '../stream/platform';

interface Timer {
  at: number;
  callback: () => void;
}

export interface FakeClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** How many timers are set and not yet fired or cleared. */
  readonly pendingTimers: number;
  /**
   * Moves the clock on by `ms`, firing each timer that falls due on the way at its own time, in
   * order, and letting the work each one starts settle before the next.
   */
  advance(ms: number): Promise<void>;
  /** Lets pending work settle (promise chains, I/O callbacks) without moving the clock. */
  settle(): Promise<void>;
}

/**
 * A clock that moves only when told to: time-dependent code runs its timers in a test's own
 * order and at once, so tests of backoff, heartbeats and time-outs never sleep. `settle` waits
 * for one turn of the runtime's real event loop, which `realSetTimeout` provides.
 *
 * @example
 * const clock = createFakeClock(0, webPlatform().setTimeout);
 * clock.setTimeout(() => console.log('fired at', clock.now()), 1_000);
 * await clock.advance(1_000); // logs: fired at 1000
 */
export function createFakeClock(
  start: number,
  realSetTimeout: (callback: () => void, ms: number) => unknown,
): FakeClock {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, Timer>();
  const settle = () => new Promise<void>((resolve) => realSetTimeout(resolve, 0));

  const due = (until: number): [number, Timer] | undefined => {
    let first: [number, Timer] | undefined;
    // Map order is creation order, so equal times fire in the order they were set.
    for (const entry of timers) if (entry[1].at <= until && (!first || entry[1].at < first[1].at)) first = entry;
    return first;
  };

  return {
    now: () => now,
    setTimeout(callback, ms) {
      timers.set(++nextId, { at: now + Math.max(0, ms), callback });
      return nextId;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') timers.delete(handle);
    },
    get pendingTimers() {
      return timers.size;
    },
    async advance(ms) {
      const until = now + ms;
      await settle();
      for (let next = due(until); next; next = due(until)) {
        const [id, timer] = next;
        timers.delete(id);
        now = timer.at;
        timer.callback();
        await settle();
      }
      now = until;
    },
    settle,
  };
}
