import {
  evaluate,
  type CompiledSnapshot,
  type EvaluationContext,
  type EvaluationReason,
  type EvaluationResult,
  type FlagGuard,
  type FlagValue,
  type Snapshot,
} from '@rampart/core';

/** One flag's answer as a browser sees it: no rules, no rule ids, nothing about other flags. */
export interface ClientFlagResult {
  enabled: boolean;
  variant: string | null;
  /** Omitted when no value applies. */
  value?: FlagValue;
  reason: EvaluationReason;
}

/** The body of `POST /client/evaluate` and of each `flags` event of `/client/stream`. */
export interface ClientResults {
  version: number;
  flags: Record<string, ClientFlagResult>;
}

/** The part of an environment view that evaluation for clients needs. */
export interface ClientEvaluationSource {
  readonly snapshot: Snapshot;
  readonly compiled: CompiledSnapshot;
}

// A snapshot is never modified, so the keys of its client-side flags are worked out once.
const keysBySnapshot = new WeakMap<Snapshot, readonly string[]>();

/**
 * The keys of the flags that client keys may see: `clientSide` and not archived.
 *
 * @example
 * clientFlagKeys(view.snapshot); // ['banner', 'new-checkout']
 */
export function clientFlagKeys(snapshot: Snapshot): readonly string[] {
  let keys = keysBySnapshot.get(snapshot);
  if (keys === undefined) {
    keys = snapshot.flags.filter((flag) => flag.clientSide === true && flag.archived !== true).map((flag) => flag.key);
    keysBySnapshot.set(snapshot, keys);
  }
  return keys;
}

/** A client-side flag under a running guarded release plan, and what its snapshot says of the guard. */
export interface GuardedClientFlag {
  key: string;
  guard: FlagGuard;
}

const guardedBySnapshot = new WeakMap<Snapshot, readonly GuardedClientFlag[]>();

/**
 * The client-side flags of the snapshot that carry a `guard`: those whose evaluations for
 * browsers the server counts. Worked out once per snapshot, so that an environment without
 * any costs a lookup per request.
 *
 * @example
 * guardedClientFlags(view.snapshot); // [{ key: 'new-checkout', guard: { ruleId: 'r1', event: 'checkout-error', batch: 'p1:0:3' } }]
 */
export function guardedClientFlags(snapshot: Snapshot): readonly GuardedClientFlag[] {
  let guarded = guardedBySnapshot.get(snapshot);
  if (guarded === undefined) {
    guarded = snapshot.flags.flatMap((flag) =>
      flag.clientSide === true && flag.archived !== true && flag.guard !== undefined
        ? [{ key: flag.key, guard: flag.guard }]
        : [],
    );
    guardedBySnapshot.set(snapshot, guarded);
  }
  return guarded;
}

/**
 * Evaluates every `clientSide` flag of an environment for one context, in the shape client
 * keys receive (`POST /client/evaluate`, `/client/stream`). Nothing else of the environment
 * appears: a non-client-side flag may decide a prerequisite, but only its effect shows.
 *
 * @example
 * const view = await environments.get('production');
 * evaluateClientFlags(view, { userId: '42' });
 * // { version: 12, flags: { 'new-checkout': { enabled: true, variant: null, value: true, reason: 'SPLIT' } } }
 */
export function evaluateClientFlags(source: ClientEvaluationSource, context: EvaluationContext): ClientResults {
  const flags: Record<string, ClientFlagResult> = {};
  for (const key of clientFlagKeys(source.snapshot)) {
    // A key such as `__proto__` must stay an ordinary entry, not reach the prototype.
    Object.defineProperty(flags, key, {
      value: clientResultOf(evaluate(source.compiled, key, context)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { version: source.snapshot.version, flags };
}

function clientResultOf(result: EvaluationResult): ClientFlagResult {
  const answer: ClientFlagResult = { enabled: result.enabled, variant: result.variant, reason: result.reason };
  if (result.value !== undefined) answer.value = result.value;
  return answer;
}

// Core hands out prepared, frozen results (one per flag, rule, variant and reason), so the
// JSON of each is made once; so is each flag's `"key":`.
const resultJson = new WeakMap<EvaluationResult, string>();
const keyPrefixesBySnapshot = new WeakMap<Snapshot, readonly string[]>();

/**
 * What {@link evaluateClientFlags} answers, as the JSON text of its `flags`, built from the
 * JSON of each result made once: answering a context costs its evaluations and a string
 * concatenation, not the serialisation of every result again.
 *
 * @example
 * const { version, flags } = encodeClientFlags(view, { userId: '42' });
 * // flags: '{"new-checkout":{"enabled":true,"variant":null,"value":true,"reason":"SPLIT"}}'
 */
export function encodeClientFlags(
  source: ClientEvaluationSource,
  context: EvaluationContext,
): { version: number; flags: string } {
  const keys = clientFlagKeys(source.snapshot);
  let prefixes = keyPrefixesBySnapshot.get(source.snapshot);
  if (prefixes === undefined) {
    prefixes = keys.map((key, i) => `${i === 0 ? '' : ','}${JSON.stringify(key)}:`);
    keyPrefixesBySnapshot.set(source.snapshot, prefixes);
  }
  let flags = '{';
  for (let i = 0; i < keys.length; i++) {
    const result = evaluate(source.compiled, keys[i] ?? '', context);
    let json = resultJson.get(result);
    if (json === undefined) {
      json = JSON.stringify(clientResultOf(result));
      if (Object.isFrozen(result)) resultJson.set(result, json);
    }
    flags += prefixes[i] + json;
  }
  return { version: source.snapshot.version, flags: `${flags}}` };
}
