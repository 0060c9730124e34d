import type { Segment, SnapshotFlag, SnapshotPatch } from '@rampart/core';
import type { EnvironmentUpdate } from './environment-cache.js';

function split<T extends { key: string }>(
  changed: ReadonlySet<string>,
  current: readonly T[],
): { present: T[]; deleted: string[] } {
  const present: T[] = [];
  const seen = new Set<string>();
  if (changed.size > 0) {
    for (const item of current) {
      if (!changed.has(item.key)) continue;
      present.push(item);
      seen.add(item.key);
    }
  }
  return { present, deleted: [...changed].filter((key) => !seen.has(key)) };
}

/**
 * One `patch` for an update, however many versions it spans: the current state of every flag
 * and segment that changed and is still in the snapshot, and the keys of those that left it
 * (archived flags, deleted segments). State rather than steps, so applying it to any snapshot
 * between `previous` and `current` gives `current`.
 *
 * @example
 * environments.onUpdate((update) => send(buildPatch(update)));
 */
export function buildPatch({ current, changes }: Pick<EnvironmentUpdate, 'current' | 'changes'>): SnapshotPatch {
  const flags = split<SnapshotFlag>(new Set(changes.flatMap((change) => change.flags)), current.snapshot.flags);
  const segments = split<Segment>(new Set(changes.flatMap((change) => change.segments)), current.snapshot.segments);
  return {
    version: current.version,
    flags: flags.present,
    deletedFlags: flags.deleted,
    segments: segments.present,
    deletedSegments: segments.deleted,
  };
}
