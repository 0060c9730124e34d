import {
  compile,
  type CompiledSnapshot,
  type EvaluationContext,
  type Snapshot,
  type SnapshotFlag,
} from '@rampart/core';
import type { GuardCounts } from './guard/guard-counts.js';

export type SnapshotSource = 'none' | 'bootstrap' | 'cache' | 'server';

/** The snapshot the client answers from, and where it came from. */
export interface FlagState {
  readonly snapshot: Snapshot | undefined;
  readonly source: SnapshotSource;
}

const EMPTY: Snapshot = { environment: '', version: 0, flags: [], segments: [] };

/**
 * Compiles each snapshot the client adopts (none: no flags), with the static context under
 * every call (`environment` from the snapshot), `onUnknownFlag` told of every flag asked for
 * that the snapshot does not have, and the guarded flags' exposures counted in `guards`. It
 * hands every compile the same base context object while the environment stays the same, and
 * the same listener, so that `liveCompiled.replace` stores neither again.
 *
 * @example
 * const compileFlags = createFlagCompiler({ appName: 'checkout' }, (key) => report(key), new GuardCounts());
 * live.replace(compileFlags(snapshot));
 */
export function createFlagCompiler(
  context: EvaluationContext,
  onUnknownFlag: (flagKey: string) => void,
  guards: GuardCounts,
): (snapshot: Snapshot | undefined) => CompiledSnapshot {
  let base: EvaluationContext | undefined;
  let baseEnvironment = '';
  return (snapshot) => {
    const from = snapshot ?? EMPTY;
    if (base === undefined || baseEnvironment !== from.environment) {
      base = { environment: from.environment, ...context };
      baseEnvironment = from.environment;
    }
    const compiled = compile(from, { baseContext: base, onUnknownFlag, onGuardedFlag: guards.onGuardedFlag });
    guards.settle();
    return compiled;
  };
}

function segmentsOf(flag: SnapshotFlag): string[] {
  return (flag.rules ?? []).flatMap((rule) => rule.segments ?? []);
}

/** The keys of the flags whose answers may differ between two snapshots, sorted. */
export function changedFlags(before: Snapshot | undefined, after: Snapshot): string[] {
  const old = new Map((before?.flags ?? []).map((flag) => [flag.key, JSON.stringify(flag)]));
  const oldSegments = new Map((before?.segments ?? []).map((segment) => [segment.key, JSON.stringify(segment)]));
  const newSegments = new Map(after.segments.map((segment) => [segment.key, JSON.stringify(segment)]));
  const changedSegments = new Set(
    [...new Set([...oldSegments.keys(), ...newSegments.keys()])].filter(
      (key) => oldSegments.get(key) !== newSegments.get(key),
    ),
  );
  const changed = new Set<string>();
  for (const flag of after.flags) {
    if (old.get(flag.key) !== JSON.stringify(flag) || segmentsOf(flag).some((key) => changedSegments.has(key)))
      changed.add(flag.key);
    old.delete(flag.key);
  }
  for (const key of old.keys()) changed.add(key);
  return [...changed].sort();
}

/** Whether a value read from JSON has a snapshot's shape (the evaluator tolerates the rest). */
export function isSnapshot(value: unknown): value is Snapshot {
  if (typeof value !== 'object' || value === null) return false;
  const { environment, version, flags, segments }: Record<string, unknown> = { ...value };
  return (
    typeof environment === 'string' && typeof version === 'number' && Array.isArray(flags) && Array.isArray(segments)
  );
}
