import type { CompiledFlag, CompiledSnapshot } from './compile';

export interface LiveCompiled {
  /** One object for the life of the SDK: evaluate against it. */
  readonly compiled: CompiledSnapshot;
  /** Makes `compiled` answer as `next` does, in one synchronous step. */
  replace(next: CompiledSnapshot): void;
}

/**
 * A compiled snapshot that stays the same object, with the same flag table, while the flags
 * under it are replaced. An SDK evaluates against it on every call: V8 can then hold the
 * object and its table as constants in an optimised caller, as it does for a snapshot compiled
 * once, whereas a field that every update replaces would cost each call a few loads.
 * `replace` runs without yielding, so no evaluation sees half of an update. It stores a field
 * only when its value changes: V8 stops treating a field as constant once it is stored again,
 * even with the same value, so callers should pass the same `baseContext` object and
 * `onUnknownFlag` function to every compile while they do not change.
 *
 * @example
 * const live = liveCompiled(compile(bootstrap));
 * evaluate(live.compiled, 'new-checkout', { userId: '42' });
 * live.replace(compile(fromServer)); // the same `live.compiled`, answering from the new flags
 */
export function liveCompiled(initial: CompiledSnapshot): LiveCompiled {
  const flags = new Map<string, CompiledFlag>(initial.flags);
  const { environment, version, base, random, onUnknownFlag } = initial;
  // Written field by field: a spread followed by `flags` would store that field twice.
  const compiled: CompiledSnapshot = { environment, version, flags, base, random, onUnknownFlag };
  return {
    compiled,
    replace(next) {
      const entries = [...next.flags];
      flags.clear();
      for (const [key, flag] of entries) flags.set(key, flag);
      for (const field of FIELDS) storeIfChanged(compiled, next, field);
    },
  };
}

/** Every field but the flag table; the check below fails to compile if one is missing. */
const FIELDS = ['environment', 'version', 'base', 'random', 'onUnknownFlag'] as const;
type Unlisted = Exclude<keyof CompiledSnapshot, 'flags' | (typeof FIELDS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : never = true;
void everyFieldListed;

function storeIfChanged<K extends keyof CompiledSnapshot>(
  target: CompiledSnapshot,
  source: CompiledSnapshot,
  field: K,
): void {
  if (target[field] !== source[field]) target[field] = source[field];
}
