import type { Segment, Snapshot, SnapshotFlag } from '../model';

/** One change to an environment, as `/sdk/stream` sends it in a `patch` event. */
export interface SnapshotPatch {
  version: number;
  flags: readonly SnapshotFlag[];
  deletedFlags: readonly string[];
  segments: readonly Segment[];
  deletedSegments: readonly string[];
}

function merge<T extends { key: string }>(
  current: readonly T[],
  upserts: readonly T[],
  deleted: readonly string[],
): T[] {
  const byKey = new Map(current.map((item) => [item.key, item]));
  for (const key of deleted) byKey.delete(key);
  for (const item of upserts) byKey.set(item.key, item);
  return [...byKey.values()];
}

/**
 * The snapshot after a patch: flags and segments replaced by key, deleted ones removed, the
 * version advanced. A patch at or below the snapshot's version was applied already and
 * changes nothing, so a patch delivered twice is harmless. The input is not modified.
 *
 * @example
 * snapshot = applyPatch(snapshot, JSON.parse(event.data));
 */
export function applyPatch(snapshot: Snapshot, patch: SnapshotPatch): Snapshot {
  if (patch.version <= snapshot.version) return snapshot;
  return {
    environment: snapshot.environment,
    version: patch.version,
    flags: merge(snapshot.flags, patch.flags, patch.deletedFlags),
    segments: merge(snapshot.segments, patch.segments, patch.deletedSegments),
  };
}
