import type { Segment, Snapshot, SnapshotFlag } from '../model';

/** A snapshot of the given flags and segments, for tests. */
export function snapshotOf(flags: SnapshotFlag[], segments: Segment[] = []): Snapshot {
  return { environment: 'test', version: 1, flags, segments };
}

/** A flag that is on for everyone through one rule, unless `overrides` say otherwise. */
export function flagOf(key: string, overrides: Partial<SnapshotFlag> = {}): SnapshotFlag {
  return { key, enabled: true, rules: [{ id: 'everyone', rollout: { percentage: 100 } }], ...overrides };
}
