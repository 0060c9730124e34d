import { createPeriodic } from '../base/periodic.js';
import type { WriteDeps } from '../change/write-deps.js';
import { applyDueStep } from './apply-step.js';
import type { GuardCollector } from './guard-collector.js';
import type { PendingBatch } from './guard-counts.js';
import { flushBatch } from './guard-flush.js';

/** The default time between ticks. */
export const TICK_INTERVAL_MS = 1_000;

export interface SchedulerDeps extends WriteDeps {
  /** This instance's guard counts, weighed at every tick; without it, guards measure nothing here. */
  guards?: Pick<GuardCollector, 'take' | 'restore'> | undefined;
}

export interface ReleaseScheduler {
  /**
   * Weighs the guard counts gathered since the last tick (one transaction per batch), then
   * applies the next step of every plan that is due now, one step per plan, and resolves with
   * how many steps were applied. A tick asked for while one runs is that tick.
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
 * Guards first: the counts of the batch in effect are weighed before a step closes it (see
 * {@link flushBatch}), so a plan the guard kills takes no further step.
 *
 * @example
 * const scheduler = createReleaseScheduler(deps);
 * scheduler.start();
 * process.on('SIGTERM', () => void scheduler.stop());
 */
export function createReleaseScheduler(deps: SchedulerDeps): ReleaseScheduler {
  const weighGuards = async (): Promise<void> => {
    if (deps.guards === undefined) return;
    const kept: PendingBatch[] = [];
    for (const batch of deps.guards.take()) {
      try {
        const outcome = await flushBatch(deps, batch);
        if (outcome === 'deferred') kept.push(batch);
        else if (outcome === 'killed' || outcome === 'paused')
          deps.logger.warn(
            { plan: batch.planId, flag: batch.flag, environment: batch.environment },
            `a guard ${outcome} its release plan`,
          );
      } catch (error) {
        // Dropped, never retried: a failure may come after the commit reached the database (a
        // lost connection, a deadline), and weighing the same counts twice would inflate the
        // evidence. Counts left out only make the test slower, never wrong.
        deps.logger.warn({ err: error, plan: batch.planId }, "dropped a guard's counts it could not weigh");
      }
    }
    deps.guards.restore(kept);
  };

  const run = async (): Promise<number> => {
    await weighGuards();
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

  const periodic = createPeriodic(run, (error) =>
    deps.logger.warn({ err: error }, 'could not read the due release plans'),
  );
  return { ...periodic, start: (intervalMs = TICK_INTERVAL_MS) => periodic.start(intervalMs) };
}
