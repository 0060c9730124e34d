import type { Snapshot, SnapshotPatch } from '@rampart/core';

/** Whether a value read from JSON has a patch's shape. */
export function isPatch(value: unknown): value is SnapshotPatch {
  if (typeof value !== 'object' || value === null) return false;
  const { version, flags, deletedFlags, segments, deletedSegments }: Record<string, unknown> = { ...value };
  return typeof version === 'number' && [flags, deletedFlags, segments, deletedSegments].every(Array.isArray);
}

/** The flags a patch may change the answers of: those it names, and those using a segment it names. */
export function patchedFlags(after: Snapshot, patch: SnapshotPatch): string[] {
  const segments = new Set([...patch.segments.map((segment) => segment.key), ...patch.deletedSegments]);
  const flags = new Set([...patch.flags.map((flag) => flag.key), ...patch.deletedFlags]);
  for (const flag of after.flags) {
    if ((flag.rules ?? []).some((rule) => (rule.segments ?? []).some((key) => segments.has(key)))) flags.add(flag.key);
  }
  return [...flags].sort();
}
