import { RampartError } from '../base/errors.js';
import { applyChange, type Change } from '../change/apply-change.js';
import type { WriteDeps } from '../change/write-deps.js';
import { editConfigInChange, everyoneRuleIndex, rampedContent } from '../flag-configs/index.js';
import type { ReleasePlanRecord } from '../store/store.js';
import { pausePlan, savePlan } from './plan-record.js';
import { driftOf, isDue, later, observeConfig, releaseActor } from './plan-state.js';

/** What became of a due step: applied, not applied because the plan paused, or not due (any more). */
export type StepOutcome = 'applied' | 'paused' | 'not-due';

/** Which plan; the step is whichever is due when the change runs. */
export type PlanRef = Pick<ReleasePlanRecord, 'id' | 'flag' | 'environment'>;

/**
 * Applies the plan's next step if it is due, in one change whose actor is `release:<id>`: the
 * rule's rollout (the first step also turns the flag on), its audit entry, the version bump
 * and the plan's progress commit together. The plan is read again inside the transaction,
 * and write transactions run one at a time across instances, so a step is applied once
 * however many instances try: the others find it applied and its successor not yet due.
 *
 * The next step falls due its hold after this one is applied, now: after an outage the plan
 * goes on one step at a time rather than catching up. When someone else changed what the plan
 * controls since it last looked, or the step cannot be applied (the flag was archived), the
 * plan pauses instead and says why.
 *
 * @example
 * await applyDueStep(deps, plan); // 'applied'
 */
export function applyDueStep(deps: WriteDeps, ref: PlanRef): Promise<StepOutcome> {
  return applyChange(deps, { name: releaseActor(ref.id), via: 'plan' }, async (change) => {
    const plan = await change.tx.getReleasePlan(ref.flag, ref.environment);
    if (plan === undefined || plan.id !== ref.id || !isDue(plan, change.at)) return 'not-due';
    const config = await change.tx.getFlagConfig(plan.flag, plan.environment);
    const drift = config === undefined ? 'the configuration no longer exists' : driftOf(plan, config);
    if (drift !== undefined) {
      await pausePlan(change, plan, `${drift} outside the plan`);
      return 'paused';
    }
    return applyStep(deps, change, plan);
  });
}

async function applyStep(deps: WriteDeps, change: Change, plan: ReleasePlanRecord): Promise<StepOutcome> {
  const index = plan.stepsApplied;
  const step = plan.steps[index];
  if (step === undefined) return 'not-due';
  const target = { flag: plan.flag, environment: plan.environment };
  const options = {
    ifMatch: undefined,
    requireIfMatch: false,
    action: 'config.ramped' as const,
    reason: `release plan ${plan.id}: step ${index + 1} of ${plan.steps.length}, ${step.percentage} %`,
  };
  const request = { percentage: step.percentage, ruleId: plan.ruleId ?? undefined, enable: index === 0 };
  let saved;
  try {
    saved = await editConfigInChange(change, target, options, (current) =>
      rampedContent(current, request, deps.random),
    );
  } catch (error) {
    // Refused for what the configuration has become (archived, ambiguous): a person must look.
    if (!(error instanceof RampartError) || error.code === 'unavailable' || error.code === 'internal') throw error;
    await pausePlan(change, plan, `step ${index + 1} could not be applied: ${error.message}`);
    return 'paused';
  }
  const ruleId = plan.ruleId ?? saved.rules[everyoneRuleIndex(saved.rules) ?? -1]?.id ?? null;
  const last = index === plan.steps.length - 1;
  const next: ReleasePlanRecord = {
    ...plan,
    ruleId,
    steps: plan.steps.map((each, i) => (i === index ? { ...each, appliedAt: change.at } : each)),
    stepsApplied: index + 1,
    status: last ? 'completed' : 'running',
    nextAt: last ? null : later(change.at, step.holdSeconds ?? 0),
    observed: observeConfig(saved, ruleId),
    updatedAt: change.at,
  };
  if (last) await savePlan(change, plan, next, 'release.completed');
  else await change.tx.putReleasePlan(next);
  // A new step is a new batch for the guard, even when the configuration did not change.
  if (next.guard !== null) change.flagChanged(next.environment, next.flag);
  return 'applied';
}

/**
 * Applies the plan's next step now if it is due (a plan created without `startAt`, resumed,
 * or advanced), and reads the plan back. A step that fails here for a reason the database
 * gives is logged and left to the scheduler, which tries again on its next tick.
 *
 * @example
 * return c.json(planView(await applyIfDue(deps, plan)), 201);
 */
export async function applyIfDue(deps: WriteDeps, plan: ReleasePlanRecord): Promise<ReleasePlanRecord> {
  if (!isDue(plan, deps.clock.now().toISOString())) return plan;
  try {
    await applyDueStep(deps, plan);
  } catch (error) {
    deps.logger.warn({ err: error, plan: plan.id }, 'a release step failed; the scheduler will try it again');
    return plan;
  }
  return (await deps.store.getReleasePlan(plan.flag, plan.environment)) ?? plan;
}
