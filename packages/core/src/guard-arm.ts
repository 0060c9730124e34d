import type { CompiledFlag, CompiledSnapshot } from './compile/compile';
import type { GuardArm } from './compile/guard';
import { matchedResult, NO_CONTEXT, parentOf, ruleMatches, satisfies } from './evaluate';
import { guardedRuleMatches } from './guarded-rule';
import type { EvaluationContext, EvaluationResult } from './model';

/** Where a context stands in a guarded flag's plan. */
export interface GuardExposure {
  arm: GuardArm;
  /** The rollout's hash of the context's unit: the number that evaluation tells `onExposure`. */
  unit: number;
}

/** A parent's own answer as evaluation gives it, but telling no guard of it. */
function quietOutcome(compiled: CompiledSnapshot, flag: CompiledFlag, context: EvaluationContext): EvaluationResult {
  if (flag.constant !== undefined) return flag.constant;
  if (!flag.enabled) return flag.disabled;
  const { base, random } = compiled;
  for (const rule of flag.rules) {
    const matches =
      rule.guard === undefined
        ? ruleMatches(rule, context, base, random)
        : guardedRuleMatches(rule, undefined, context, base, random);
    if (matches) return matchedResult(rule, context, base, random);
  }
  return flag.unmatched;
}

/**
 * The arm of a guarded flag's rule that a context falls in, and its unit's number, as
 * evaluating the flag would tell its guard, but without telling it: for attributing an event
 * to an arm. `undefined` when the flag has no guard, or the context has no arm: a prerequisite
 * fails, the flag is killed, an earlier rule matches, the guarded rule does not, or its unit
 * is drawn at `$random`.
 *
 * @example
 * guardArm(compiled, 'new-checkout', { userId: '42' }); // { arm: 'treatment', unit: 4094389673 }
 */
export function guardArm(
  compiled: CompiledSnapshot,
  flagKey: string,
  context?: EvaluationContext,
): GuardExposure | undefined {
  const flag = compiled.flags.get(flagKey);
  const guard = flag?.guard;
  if (flag === undefined || guard === undefined) return undefined;
  const attributes = typeof context === 'object' && context !== null ? context : NO_CONTEXT;
  for (const prerequisite of flag.prerequisites) {
    const parent = parentOf(compiled, prerequisite);
    if (parent === undefined || !satisfies(prerequisite, quietOutcome(compiled, parent, attributes))) return undefined;
  }
  if (!flag.enabled) return undefined;
  const { base, random } = compiled;
  let exposure: GuardExposure | undefined;
  for (const rule of flag.rules) {
    if (rule.guard === guard) {
      guardedRuleMatches(rule, (arm, unit) => (exposure = { arm, unit }), attributes, base, random);
      return exposure;
    }
    if (ruleMatches(rule, attributes, base, random)) return undefined;
  }
  return undefined;
}
