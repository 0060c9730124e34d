import { RampartError } from '../base/errors.js';
import { applyChange, type Change } from '../change/apply-change.js';
import type { WriteDeps } from '../change/write-deps.js';
import { contentOf, editConfigInChange } from '../flag-configs/index.js';
import { snapshotGuard } from '../store/build-snapshot.js';
import type { ReleasePlanRecord } from '../store/store.js';
import type { PendingBatch } from './guard-counts.js';
import { guardReason, weighBatch } from './guard-progress.js';
import { savePlan } from './plan-record.js';
import { releaseActor } from './plan-state.js';

/**
 * What became of a batch of counts: weighed (the plan goes on), the plan killed or paused by
 * its guard, stale (its plan, step or configuration is no longer the current one, or the plan
 * no longer runs: the counts are dropped), or deferred (an arm has events but no exposures in
 * it yet: the counts wait to be merged with the next ones).
 */
export type FlushOutcome = 'weighed' | 'killed' | 'paused' | 'stale' | 'deferred';

/**
 * Weighs one batch of counts in one transaction: reads the plan and its configuration, checks
 * that the batch is still the one the flag carries (same plan, running, same step, same
 * configuration), runs the sequential test from the plan's stored state, stores the new state
 * and figures, and acts on a new decision, all or nothing:
 *
 * - `harm` with action `kill`: the flag is turned off in the plan's environment (a
 *   `config.killed` change) and the plan is `killed` (`release.killed`), both by
 *   `release:<plan id>`, the reason giving the figures;
 * - `harm` with action `pause`, or `sample-ratio-mismatch`: the plan is paused
 *   (`release.paused`), its `pausedReason` giving the figures.
 *
 * Write transactions run one at a time across instances, so counts flushed by several
 * instances are weighed one batch after another against the state each one left.
 *
 * @example
 * for (const batch of guards.take()) await flushBatch(deps, batch);
 */
export function flushBatch(deps: WriteDeps, pending: PendingBatch): Promise<FlushOutcome> {
  const { treatment, control } = pending.counts;
  if (treatment.exposures + control.exposures + treatment.events + control.events === 0) {
    return Promise.resolve('weighed');
  }
  return applyChange(deps, { name: releaseActor(pending.planId), via: 'plan' }, async (change) => {
    const plan = await change.tx.getReleasePlan(pending.flag, pending.environment);
    if (plan === undefined || plan.id !== pending.planId || plan.guard === null) return 'stale';
    const config = await change.tx.getFlagConfig(plan.flag, plan.environment);
    const current = config === undefined ? undefined : snapshotGuard(plan, config);
    const rule = config?.rules.find((candidate) => candidate.id === plan.ruleId);
    if (current?.batch !== pending.batch || rule === undefined) return 'stale';
    // The test needs each arm's events to come with exposures of the same batch.
    if ((treatment.exposures === 0 && treatment.events > 0) || (control.exposures === 0 && control.events > 0)) {
      return 'deferred';
    }

    const step = weighBatch(plan.guard, plan.guardProgress, pending.counts, rule.rollout.percentage / 100);
    const measured: ReleasePlanRecord = { ...plan, guardProgress: step.progress };
    if (step.act === undefined) {
      await change.tx.putReleasePlan(measured);
      return 'weighed';
    }
    const reason = guardReason(plan.guard, step.act, step.figures);
    if (step.act === 'harm' && plan.guard.action === 'kill') return kill(change, plan, measured, reason);
    await pause(change, plan, measured, reason);
    return 'paused';
  });
}

async function kill(
  change: Change,
  before: ReleasePlanRecord,
  measured: ReleasePlanRecord,
  reason: string,
): Promise<FlushOutcome> {
  const target = { flag: measured.flag, environment: measured.environment };
  const options = { ifMatch: undefined, requireIfMatch: false, action: 'config.killed' as const, reason };
  try {
    await editConfigInChange(change, target, options, (current) => ({ ...contentOf(current), enabled: false }));
  } catch (error) {
    // Refused for what the configuration has become (archived): a person must look.
    if (!(error instanceof RampartError) || error.code === 'unavailable' || error.code === 'internal') throw error;
    await pause(change, before, measured, `${reason}; the flag could not be turned off: ${error.message}`);
    return 'paused';
  }
  const killed: ReleasePlanRecord = {
    ...measured,
    status: 'killed',
    nextAt: null,
    pausedReason: null,
    updatedAt: change.at,
  };
  await savePlan(change, before, killed, 'release.killed', reason);
  return 'killed';
}

async function pause(
  change: Change,
  before: ReleasePlanRecord,
  measured: ReleasePlanRecord,
  reason: string,
): Promise<void> {
  const paused: ReleasePlanRecord = {
    ...measured,
    status: 'paused',
    nextAt: null,
    pausedReason: reason,
    updatedAt: change.at,
  };
  await savePlan(change, before, paused, 'release.paused', reason);
}
