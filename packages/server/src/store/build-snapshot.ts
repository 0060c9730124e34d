import type { FlagGuard, Segment, Snapshot, SnapshotFlag } from '@rampart/core';
import type { EnvironmentRecord, FlagConfigRecord, FlagRecord, ReleasePlanRecord, SegmentRecord } from './store.js';

/**
 * Joins stored records into the snapshot that SDKs receive: live flags only, each flag's
 * fields and its configuration's fields side by side, sorted by key for stable output. A flag
 * whose guarded release plan runs carries the plan's `guard` (see {@link snapshotGuard}).
 *
 * @example
 * const snapshot = buildSnapshot(environment, flags, configs, segments, plans);
 */
export function buildSnapshot(
  environment: EnvironmentRecord,
  flags: readonly FlagRecord[],
  configs: readonly FlagConfigRecord[],
  segments: readonly SegmentRecord[],
  plans: readonly ReleasePlanRecord[] = [],
): Snapshot {
  const configByFlag = new Map(configs.filter((c) => c.environment === environment.key).map((c) => [c.flag, c]));
  const planByFlag = new Map(plans.filter((p) => p.environment === environment.key).map((p) => [p.flag, p]));
  const snapshotFlags: SnapshotFlag[] = [];
  for (const flag of [...flags].sort((a, b) => compareKeys(a.key, b.key))) {
    const config = configByFlag.get(flag.key);
    if (flag.archived || config === undefined) continue;
    const plan = planByFlag.get(flag.key);
    const guard = plan === undefined ? undefined : snapshotGuard(plan, config);
    snapshotFlags.push(guard === undefined ? toSnapshotFlag(flag, config) : { ...toSnapshotFlag(flag, config), guard });
  }
  return {
    environment: environment.key,
    version: environment.version,
    flags: snapshotFlags,
    segments: [...segments].sort((a, b) => compareKeys(a.key, b.key)).map(toSnapshotSegment),
  };
}

/** A flag and one configuration, as a snapshot carries them. */
export function toSnapshotFlag(flag: FlagRecord, config: FlagConfigRecord): SnapshotFlag {
  return {
    key: flag.key,
    type: flag.type,
    description: flag.description,
    tags: flag.tags,
    owner: flag.owner,
    temporary: flag.temporary,
    clientSide: flag.clientSide,
    enabled: config.enabled,
    version: config.version,
    rules: config.rules,
    variants: config.variants,
    ...(config.variantsBucketBy === undefined ? {} : { variantsBucketBy: config.variantsBucketBy }),
    ...(config.defaultVariant === undefined ? {} : { defaultVariant: config.defaultVariant }),
    prerequisites: config.prerequisites,
  };
}

/**
 * What SDKs are told of a guarded plan: while the plan runs with its guard, on a rule that is
 * in the configuration, on, and below 100 % (so that there is a control), the rule, the event
 * and the batch its counts belong to; else nothing. The batch names the plan, its step and the
 * configuration's version, so it changes at every step and whenever the configuration changes:
 * counts are never added across two steps or two configurations. Every change of what this
 * returns comes with a change of the plan or of the configuration, which bumps the version.
 *
 * @example
 * snapshotGuard(plan, config); // { ruleId: 'r1', event: 'checkout-error', batch: 'q3k7m2xa9wbt:1:7' }
 */
export function snapshotGuard(plan: ReleasePlanRecord, config: FlagConfigRecord): FlagGuard | undefined {
  if (plan.status !== 'running' || plan.guard === null || plan.ruleId === null || plan.stepsApplied === 0) return;
  if (plan.flag !== config.flag || plan.environment !== config.environment || !config.enabled) return;
  const rule = config.rules.find((candidate) => candidate.id === plan.ruleId);
  if (rule === undefined || !(rule.rollout.percentage < 100)) return;
  return {
    ruleId: plan.ruleId,
    event: plan.guard.event,
    batch: `${plan.id}:${plan.stepsApplied - 1}:${config.version}`,
  };
}

/**
 * The plan a batch of {@link snapshotGuard} belongs to; `undefined` for a string that is not one.
 *
 * @example
 * batchPlanId('q3k7m2xa9wbt:1:7'); // 'q3k7m2xa9wbt'
 */
export function batchPlanId(batch: string): string | undefined {
  const match = /^([^:]+):\d+:\d+$/.exec(batch);
  return match?.[1];
}

function toSnapshotSegment(segment: SegmentRecord): Segment {
  return { key: segment.key, name: segment.name, description: segment.description, conditions: segment.conditions };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
