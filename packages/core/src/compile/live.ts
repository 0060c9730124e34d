import type { CompiledFlag, CompiledSnapshot } from './compile';

export interface LiveCompiled {
  /** One object for the life of the SDK: evaluate against it. */
  readonly compiled: CompiledSnapshot;
  /** Makes `compiled` answer as `next` does, in one synchronous step. */
  replace(next: CompiledSnapshot): void;
}

/**
 * A compiled snapshot that stays the same object, with the same flag table, while the flags
 * under it are replaced. An SDK evaluates against it on every call: because neither object
 * changes, V8 can treat both as constants in the optimised caller, as it does for a snapshot
 * compiled once; a field that changes on every update would cost each call a few loads.
 * `replace` runs without yielding, so no evaluation sees half of an update.
 *
 * @example
 * const live = liveCompiled(compile(bootstrap));
 * evaluate(live.compiled, 'new-checkout', { userId: '42' });
 * live.replace(compile(fromServer)); // the same `live.compiled`, answering from the new flags
 */
export function liveCompiled(initial: CompiledSnapshot): LiveCompiled {
  const flags = new Map<string, CompiledFlag>(initial.flags);
  const { environment, version, base, random, onUnknownFlag } = initial;
  // Written field by field: a spread followed by `flags` would store that field twice, and V8
  // no longer treats a field stored twice as constant.
  const compiled: CompiledSnapshot = { environment, version, flags, base, random, onUnknownFlag };
  return {
    compiled,
    replace(next) {
      flags.clear();
      for (const [key, flag] of next.flags) flags.set(key, flag);
      // Every field but the flag table, which stays the same object (`satisfies` lists them all).
      const { environment, version, base, random, onUnknownFlag } = next;
      Object.assign(compiled, { environment, version, base, random, onUnknownFlag } satisfies Omit<CompiledSnapshot, 'flags'>);
    },
  };
}
