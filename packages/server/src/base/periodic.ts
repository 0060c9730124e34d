/** Work done again and again on a timer, never twice at once. */
export interface Periodic {
  /** Runs the work now and resolves with its result; asked for while a run is in progress, it is that run. */
  tick(): Promise<number>;
  /** Ticks every `intervalMs` on a timer that does not keep the process alive. */
  start(intervalMs: number): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `work` on a timer, one run at a time; a run that fails is reported to `onError` and the
 * next tick runs again.
 *
 * @example
 * const periodic = createPeriodic(() => applyDueSteps(), (error) => logger.warn({ err: error }, 'a tick failed'));
 * periodic.start(1_000);
 */
export function createPeriodic(work: () => Promise<number>, onError: (error: unknown) => void): Periodic {
  let inFlight: Promise<number> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = (): Promise<number> => {
    inFlight ??= work().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  return {
    tick,
    start(intervalMs) {
      if (timer !== undefined) return;
      timer = setInterval(() => tick().catch(onError), intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await inFlight?.catch(() => undefined);
    },
  };
}
