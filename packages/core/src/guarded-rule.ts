import { POSITIONS, positionOf, rolloutPosition } from './bucketing';
import type { CompiledRule } from './compile/compile';
import { conditionHolds } from './compile/condition';
import { randomUnit, readAttribute } from './compile/context';
import type { ExposureHook } from './compile/guard';
import { hashWithPrefix } from './hash/murmur3';
import { RANDOM_UNIT, type EvaluationContext } from './model';

/**
 * Whether a guarded rule matches a context, exactly as evaluation decides for a rule without a
 * guard; on the way it tells `onExposure` the context's arm and its unit's number. The number
 * is the rollout's hash of the unit, which deciding the arm computes anyway, so a guard costs
 * one call and no second hash (at 100 %, where no hash is needed to decide, one hash).
 * A unit drawn at `$random` has no arm: it is new at every evaluation, so neither its
 * exposures nor its events could be told apart from another unit's.
 *
 * @example
 * guardedRuleMatches(rule, (arm, unit) => counts[arm].add(unit), { userId: '42' }, {}, Math.random);
 */
export function guardedRuleMatches(
  rule: CompiledRule,
  onExposure: ExposureHook | undefined,
  context: EvaluationContext,
  base: EvaluationContext,
  random: () => number,
): boolean {
  for (const condition of rule.conditions) {
    if (!conditionHolds(condition, context, base)) return false;
  }
  const { chain, salt, threshold } = rule;
  for (const name of chain) {
    if (name === RANDOM_UNIT) return threshold >= POSITIONS || rolloutPosition(salt, randomUnit(random)) < threshold;
    const value = readAttribute(context, base, name);
    if (value === undefined || value === '') continue;
    const unit = hashWithPrefix(salt, value);
    const admitted = positionOf(unit) < threshold;
    if (onExposure !== undefined) {
      try {
        onExposure(admitted ? 'treatment' : 'control', unit);
      } catch {
        // Counting is the caller's; evaluation never throws.
      }
    }
    return admitted;
  }
  return false;
}
