import type { Schemas } from '../../api.js';

/** What a ramp without a rule id moves: the one "everyone" rule, none yet, or several (the server asks which). */
export type EveryoneRule = { kind: 'one'; percentage: number; index: number } | { kind: 'none' } | { kind: 'several' };

/**
 * The "everyone" rule of a configuration: a rule with no segments and no conditions (its
 * rollout may still be partial), as the server's ramp finds it.
 *
 * @example
 * everyoneRule([{ id: 'r1', rollout: { percentage: 5 } }]); // { kind: 'one', percentage: 5, index: 0 }
 */
export function everyoneRule(rules: readonly Schemas['Rule'][]): EveryoneRule {
  const indexes = rules.flatMap((rule, i) =>
    (rule.segments ?? []).length === 0 && (rule.conditions ?? []).length === 0 ? [i] : [],
  );
  const [index] = indexes;
  if (index === undefined) return { kind: 'none' };
  if (indexes.length > 1) return { kind: 'several' };
  return { kind: 'one', percentage: rules[index]?.rollout.percentage ?? 0, index };
}
