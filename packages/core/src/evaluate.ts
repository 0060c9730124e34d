import { POSITIONS, rolloutPosition, variantIndex } from './bucketing';
import type { CompiledFlag, CompiledPrerequisite, CompiledRule, CompiledSnapshot } from './compile/compile';
import { conditionHolds } from './compile/condition';
import { chainResolves, readAttribute, resolveUnit } from './compile/context';
import { guardedRuleMatches } from './guarded-rule';
import type { EvaluationContext, EvaluationResult } from './model';

export const NO_CONTEXT: EvaluationContext = {};

function notFound(compiled: CompiledSnapshot, flagKey: string): EvaluationResult {
  compiled.onUnknownFlag?.(flagKey);
  return {
    flagKey,
    enabled: false,
    variant: null,
    value: undefined,
    reason: 'ERROR',
    ruleId: undefined,
    errorCode: 'FLAG_NOT_FOUND',
  };
}

export function ruleMatches(
  rule: CompiledRule,
  context: EvaluationContext,
  base: EvaluationContext,
  random: () => number,
): boolean {
  // A guarded rule is not `matchable`, so its guard costs the other rules nothing.
  if (!rule.matchable) {
    const { guard } = rule;
    return guard !== undefined && guardedRuleMatches(rule, guard.onExposure, context, base, random);
  }
  for (const condition of rule.conditions) {
    if (!conditionHolds(condition, context, base)) return false;
  }
  // At 100 % every unit is in, but the chain must still resolve: no hash needed.
  if (rule.threshold >= POSITIONS) return chainResolves(rule.chain, context, base);
  const unit = resolveUnit(rule.chain, context, base, random);
  return unit !== undefined && rolloutPosition(rule.salt, unit) < rule.threshold;
}

/** The matched rule's answer: a pinned variant first, else one by weight, else none. */
export function matchedResult(
  rule: CompiledRule,
  context: EvaluationContext,
  base: EvaluationContext,
  random: () => number,
): EvaluationResult {
  const { variants } = rule;
  if (variants === undefined) return rule.matched;
  const { overrides } = variants;
  for (let i = 0; i < overrides.length; i++) {
    const override = overrides[i];
    const value = override && readAttribute(context, base, override.attribute);
    if (value !== undefined && override?.members.has(value)) return rule.overrideResults[i] ?? rule.matched;
  }
  if (variants.weighted.length === 0) return rule.matched;
  const unit = resolveUnit(variants.chain, context, base, random);
  if (unit === undefined) return rule.matched;
  return rule.weightedResults[variantIndex(variants.salt, unit, variants.cumulative)] ?? rule.matched;
}

/** The flag's own answer: kill switch, then rules. Prerequisites are the caller's. */
function evaluateOwn(compiled: CompiledSnapshot, flag: CompiledFlag, context: EvaluationContext): EvaluationResult {
  if (flag.constant !== undefined) return flag.constant;
  if (!flag.enabled) return flag.disabled;
  for (const rule of flag.rules) {
    if (ruleMatches(rule, context, compiled.base, compiled.random))
      return matchedResult(rule, context, compiled.base, compiled.random);
  }
  return flag.unmatched;
}

/**
 * The flag a prerequisite names, when it can be a parent: one with prerequisites of its own is
 * refused on write; met anyway, the prerequisite fails.
 */
export function parentOf(compiled: CompiledSnapshot, prerequisite: CompiledPrerequisite): CompiledFlag | undefined {
  const parent = compiled.flags.get(prerequisite.flag);
  return parent === undefined || parent.prerequisites.length > 0 ? undefined : parent;
}

/** Whether the parent's own answer satisfies the prerequisite. */
export function satisfies(prerequisite: CompiledPrerequisite, outcome: EvaluationResult): boolean {
  if (!prerequisite.enabled) return !outcome.enabled;
  return outcome.enabled && (prerequisite.variants === undefined || prerequisite.variants.has(outcome.variant));
}

function prerequisiteHolds(
  compiled: CompiledSnapshot,
  prerequisite: CompiledPrerequisite,
  context: EvaluationContext,
): boolean {
  const parent = parentOf(compiled, prerequisite);
  return parent !== undefined && satisfies(prerequisite, evaluateOwn(compiled, parent, context));
}

/**
 * Evaluates a flag for a context; without one, for an empty context. Never throws: an unknown
 * or archived flag answers `enabled: false` with `errorCode: 'FLAG_NOT_FOUND'`. Results are
 * frozen and may be shared between calls.
 *
 * @example
 * evaluate(compiled, 'new-checkout', { userId: '42', plan: 'pro' });
 * // { flagKey: 'new-checkout', enabled: true, variant: null, value: true, reason: 'SPLIT', ruleId: 'r1' }
 */
export function evaluate(compiled: CompiledSnapshot, flagKey: string, context?: EvaluationContext): EvaluationResult {
  // Kept this small so that V8 inlines it into callers, SDK methods included: flags whose
  // answer is constant are answered here, everything else below.
  const flag = compiled.flags.get(flagKey);
  if (flag === undefined) return notFound(compiled, flagKey);
  return flag.constant ?? evaluateFlag(compiled, flag, context);
}

function evaluateFlag(
  compiled: CompiledSnapshot,
  flag: CompiledFlag,
  context: EvaluationContext | undefined,
): EvaluationResult {
  const attributes = typeof context === 'object' && context !== null ? context : NO_CONTEXT;
  for (const prerequisite of flag.prerequisites) {
    if (!prerequisiteHolds(compiled, prerequisite, attributes)) return flag.prerequisiteFailed;
  }
  return evaluateOwn(compiled, flag, attributes);
}
