import { RampartError } from '../base/errors.js';
import { applyChange, type Change, type Who } from '../change/apply-change.js';
import type { WriteDeps } from '../change/write-deps.js';
import type { ConfigTarget } from '../flag-configs/index.js';
import type { ReleasePlanRecord } from '../store/store.js';
import { applyIfDue } from './apply-step.js';
import { readTarget } from './create-plan.js';
import { pausePlan, savePlan } from './plan-record.js';
import { isMoving, later, observeConfig } from './plan-state.js';

export type PlanAction = 'pause' | 'resume' | 'advance' | 'abort';

/**
 * A person's action on the latest plan of a flag in an environment, audited as
 * `release.<past tense>`. An action that changes nothing (pausing a paused plan) answers the
 * plan as it is, unaudited; one that makes no sense for a finished plan is a conflict.
 *
 * - `pause`: the plan stops where it is, with `pausedReason` saying who paused it.
 * - `resume`: a paused plan goes on; the step in effect is held again for its whole hold
 *   (from the start time, or now, when no step was applied), and what the configuration is
 *   now becomes what the plan expects.
 * - `advance`: the next step applies now, skipping the rest of the hold (not while paused).
 * - `abort`: the plan stops for good; the configuration stays as it is.
 *
 * @example
 * await actOnPlan(deps, 'ops', { flag: 'a', environment: 'production' }, 'pause', 'error rate up');
 */
export async function actOnPlan(
  deps: WriteDeps,
  actor: Who,
  target: ConfigTarget,
  action: PlanAction,
  reason: string | undefined,
): Promise<ReleasePlanRecord> {
  const plan = await applyChange(deps, actor, async (change) => {
    await readTarget(change.tx, target);
    const current = await change.tx.getReleasePlan(target.flag, target.environment);
    if (current === undefined) {
      throw new RampartError('not_found', `'${target.flag}' has no release plan in ${target.environment}`);
    }
    return ACTIONS[action](change, current, reason);
  });
  return action === 'resume' || action === 'advance' ? applyIfDue(deps, plan) : plan;
}

type Act = (change: Change, plan: ReleasePlanRecord, reason: string | undefined) => Promise<ReleasePlanRecord>;

const ACTIONS: Record<PlanAction, Act> = {
  async pause(change, plan, reason) {
    if (plan.status === 'paused') return plan;
    refuseFinished(plan, 'pause');
    const why = `paused by '${change.actor}'${reason === undefined ? '' : `: ${reason}`}`;
    return pausePlan(change, plan, why);
  },

  async resume(change, plan, reason) {
    if (isMoving(plan)) return plan;
    refuseFinished(plan, 'resume');
    const { config } = await readTarget(change.tx, plan);
    const inEffect = plan.steps[plan.stepsApplied - 1];
    let nextAt = later(change.at, inEffect?.holdSeconds ?? 0);
    if (inEffect === undefined && plan.startAt !== null && plan.startAt > nextAt) nextAt = plan.startAt;
    const resumed: ReleasePlanRecord = {
      ...plan,
      status: inEffect === undefined && nextAt > change.at ? 'scheduled' : 'running',
      nextAt,
      observed: observeConfig(config, plan.ruleId),
      pausedReason: null,
      updatedAt: change.at,
    };
    return savePlan(change, plan, resumed, 'release.resumed', reason);
  },

  async advance(change, plan, reason) {
    if (plan.status === 'paused') {
      throw new RampartError('conflict', `release plan '${plan.id}' is paused; resume it before advancing it`);
    }
    refuseFinished(plan, 'advance');
    const advanced: ReleasePlanRecord = { ...plan, status: 'running', nextAt: change.at, updatedAt: change.at };
    return savePlan(change, plan, advanced, 'release.advanced', reason);
  },

  async abort(change, plan, reason) {
    if (plan.status === 'aborted') return plan;
    refuseFinished(plan, 'abort');
    const aborted: ReleasePlanRecord = {
      ...plan,
      status: 'aborted',
      nextAt: null,
      pausedReason: null,
      updatedAt: change.at,
    };
    return savePlan(change, plan, aborted, 'release.aborted', reason);
  },
};

function refuseFinished(plan: ReleasePlanRecord, action: PlanAction): void {
  if (plan.status === 'completed' || plan.status === 'aborted' || plan.status === 'killed') {
    throw new RampartError('conflict', `release plan '${plan.id}' is ${plan.status}; there is nothing to ${action}`);
  }
}
