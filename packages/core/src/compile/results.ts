import type { EvaluationReason, EvaluationResult, FlagType, FlagValue } from '../model';
import type { CompiledVariant } from './variants';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/**
 * A result that compile prepares ahead: a result depends only on the flag, the rule, the
 * variant and the reason, all known once the snapshot is loaded, so evaluation hands out one of
 * these and allocates nothing. They are frozen, values included, because they are shared.
 * Every result has the same fields in the same order (one hidden class); fields that do not
 * apply are `undefined` and vanish in JSON.
 */
export function preparedResult(
  flag: { key: string; type: FlagType },
  enabled: boolean,
  variant: CompiledVariant | undefined,
  reason: EvaluationReason,
  ruleId: string | undefined,
): EvaluationResult {
  const value: FlagValue | undefined = flag.type === 'boolean' ? enabled : variant?.value;
  return deepFreeze({
    flagKey: flag.key,
    enabled,
    variant: variant === undefined ? null : variant.key,
    value,
    reason,
    ruleId,
    errorCode: undefined,
  });
}
