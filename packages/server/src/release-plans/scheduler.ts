import type { WriteDeps } from '../change/write-deps.js';
import { applyDueStep } from './apply-step.js';

/** The default time between ticks. */
export const TICK_INTERVAL_MS = 1_000;

export interface ReleaseScheduler {
  /**
   * Applies the next step of every plan that is due now, one step per plan, and resolves with
   * how many were applied. A tick asked for while one runs is that tick.
   */
  tick(): Promise<number>;
  /** Ticks every `intervalMs` on a timer that does not keep the process alive. */
  start(intervalMs?: number): void;
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * Moves release plans along. Everything lives in the store, so any number of instances may
 * run one over the same database: each step is claimed in the transaction that applies it
 * (see {@link applyDueStep}), and a plan whose step fell due while every instance was down
 * takes that one step when one returns, then waits out its hold again.
 *
 * @example
 * const scheduler = createReleaseScheduler(deps);
 * scheduler.start();
 * process.on('SIGTERM', () => void scheduler.stop());
 */
export function createReleaseScheduler(deps: WriteDeps): ReleaseScheduler {
  let inFlight: Promise<number> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  const run = async (): Promise<number> => {
    const due = await deps.store.listDueReleasePlans(deps.clock.now().toISOString());
    let applied = 0;
    for (const plan of due) {
      try {
        if ((await applyDueStep(deps, plan)) === 'applied') applied++;
      } catch (error) {
        deps.logger.warn({ err: error, plan: plan.id }, 'a release step failed; the next tick tries it again');
      }
    }
    return applied;
  };

  const tick = (): Promise<number> => {
    inFlight ??= run().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    tick,
    start(intervalMs = TICK_INTERVAL_MS) {
      if (timer !== undefined) return;
      timer = setInterval(() => {
        tick().catch((error: unknown) => deps.logger.warn({ err: error }, 'could not read the due release plans'));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await inFlight?.catch(() => undefined);
    },
  };
}
