import { evaluate, type EvaluationContext, type FlagValue } from '@rampart/core';
import type { KeyKind } from '../store/store.js';
import { clientFlagKeys, type ClientEvaluationSource } from '../delivery/index.js';

/** A successful OFREP evaluation. No `value` means "use the code default" (OFREP's `codeDefaultFlag`). */
export interface OfrepSuccess {
  key: string;
  reason: string;
  variant?: string;
  value?: FlagValue;
  metadata?: Record<string, string | number | boolean>;
}

export interface OfrepFlagNotFound {
  key: string;
  errorCode: 'FLAG_NOT_FOUND';
  errorDetails: string;
}

/**
 * The keys of the flags a key of this kind may evaluate: a client key only `clientSide` flags,
 * a server key every live flag of its environment.
 *
 * @example
 * visibleFlagKeys(view, 'client'); // ['dark-mode']
 */
export function visibleFlagKeys(source: Pick<ClientEvaluationSource, 'snapshot'>, kind: KeyKind): readonly string[] {
  if (kind === 'client') return clientFlagKeys(source.snapshot);
  return source.snapshot.flags.filter((flag) => flag.archived !== true).map((flag) => flag.key);
}

/**
 * One flag evaluated as OFREP reports it. A flag the key may not see is not found, exactly
 * like one that does not exist, so client keys learn nothing about other flags. A boolean
 * flag always has a value (off is `false`); another type has one only when a variant with a
 * value applies (the default variant too, when no rule matched), and otherwise leaves the
 * choice to the caller's default. Server keys also get the matching rule's id as metadata.
 *
 * @example
 * ofrepResult(view, 'dark-mode', { userId: '42' }, 'client');
 * // { key: 'dark-mode', reason: 'TARGETING_MATCH', value: true }
 */
export function ofrepResult(
  source: ClientEvaluationSource,
  key: string,
  context: EvaluationContext,
  kind: KeyKind,
): OfrepSuccess | OfrepFlagNotFound {
  const visible = kind !== 'client' || clientFlagKeys(source.snapshot).includes(key);
  const result = visible ? successOf(source, key, context, kind) : undefined;
  return result ?? { key, errorCode: 'FLAG_NOT_FOUND', errorDetails: `flag '${key}' does not exist` };
}

/**
 * Every flag the key may see, evaluated as {@link ofrepResult} does, in snapshot order.
 *
 * @example
 * ofrepBulkResults(view, { userId: '42' }, 'client'); // [{ key: 'dark-mode', reason: 'TARGETING_MATCH', value: true }]
 */
export function ofrepBulkResults(
  source: ClientEvaluationSource,
  context: EvaluationContext,
  kind: KeyKind,
): OfrepSuccess[] {
  return visibleFlagKeys(source, kind).flatMap((key) => successOf(source, key, context, kind) ?? []);
}

function successOf(
  source: ClientEvaluationSource,
  key: string,
  context: EvaluationContext,
  kind: KeyKind,
): OfrepSuccess | undefined {
  const result = evaluate(source.compiled, key, context);
  if (result.errorCode === 'FLAG_NOT_FOUND') return undefined;
  const success: OfrepSuccess = { key, reason: result.reason };
  if (result.variant !== null) success.variant = result.variant;
  if (result.value !== undefined) success.value = result.value;
  if (kind === 'server' && result.ruleId !== undefined) success.metadata = { ruleId: result.ruleId };
  return success;
}
