import type { Change } from '../change/apply-change.js';
import type { EventType } from '../change/events.js';
import { toJsonValue } from '../model/json-value.js';
import type { ReleasePlanRecord } from '../store/store.js';
import { planView } from './plan-state.js';

/**
 * Stores `next` in the change and audits it as `action` (`release.created`, `release.paused`,
 * ...) on the plan's flag and environment, with the plan before and after. A guarded plan's
 * flag is marked changed, so that its environment's version is bumped and SDKs hear whether
 * the flag now carries a guard, and which batch (see `snapshotGuard`).
 *
 * @example
 * await savePlan(change, plan, { ...plan, status: 'aborted', nextAt: null, updatedAt: change.at }, 'release.aborted');
 */
export async function savePlan(
  change: Change,
  before: ReleasePlanRecord | null,
  next: ReleasePlanRecord,
  action: EventType,
  reason?: string,
): Promise<ReleasePlanRecord> {
  await change.tx.putReleasePlan(next);
  if (next.guard !== null) change.flagChanged(next.environment, next.flag);
  await change.audit({
    action,
    targetKind: 'flag',
    target: next.flag,
    environment: next.environment,
    before: before === null ? null : (toJsonValue(planView(before)) ?? null),
    after: toJsonValue(planView(next)) ?? null,
    reason,
  });
  return next;
}

/**
 * Pauses the plan in the change and says why, in the plan and in a `release.paused` audit entry.
 *
 * @example
 * await pausePlan(change, plan, "'ops' turned the flag off (config.killed)");
 */
export function pausePlan(change: Change, plan: ReleasePlanRecord, reason: string): Promise<ReleasePlanRecord> {
  const paused: ReleasePlanRecord = {
    ...plan,
    status: 'paused',
    nextAt: null,
    pausedReason: reason,
    updatedAt: change.at,
  };
  return savePlan(change, plan, paused, 'release.paused', reason);
}
