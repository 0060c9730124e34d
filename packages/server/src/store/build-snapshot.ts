import type { Segment, Snapshot, SnapshotFlag } from '@rampart/core';
import type { EnvironmentRecord, FlagConfigRecord, FlagRecord, SegmentRecord } from './store.js';

/**
 * Joins stored records into the snapshot that SDKs receive: live flags only, each flag's
 * fields and its configuration's fields side by side, sorted by key for stable output.
 *
 * @example
 * const snapshot = buildSnapshot(environment, flags, configs, segments);
 */
export function buildSnapshot(
  environment: EnvironmentRecord,
  flags: readonly FlagRecord[],
  configs: readonly FlagConfigRecord[],
  segments: readonly SegmentRecord[],
): Snapshot {
  const configByFlag = new Map(configs.filter((c) => c.environment === environment.key).map((c) => [c.flag, c]));
  const snapshotFlags: SnapshotFlag[] = [];
  for (const flag of [...flags].sort((a, b) => compareKeys(a.key, b.key))) {
    const config = configByFlag.get(flag.key);
    if (flag.archived || config === undefined) continue;
    snapshotFlags.push(toSnapshotFlag(flag, config));
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

function toSnapshotSegment(segment: SegmentRecord): Segment {
  return { key: segment.key, name: segment.name, description: segment.description, conditions: segment.conditions };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
