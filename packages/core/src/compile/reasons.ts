import type { EvaluationReason } from '../model';

/** What decides the reason of a rule that turned its flag on, all known once the snapshot is compiled. */
export interface RuleFacts {
  /** The rule's position in the flag's list: rules before it did not match. */
  index: number;
  prerequisites: boolean;
  /** No segments, no conditions and a rollout of 100 %: the rule matches everyone. */
  everyone: boolean;
  /** A rollout below 100 %. */
  partial: boolean;
  /** How many of the variants it could serve (its own, else the flag's) weigh more than 0. */
  weighted: number;
  /** Whether an override could pin a context to one of those variants. */
  overrides: boolean;
}

/** How the matching rule's variant was chosen. */
export type VariantChoice = 'none' | 'weight' | 'override';

/**
 * The reason of a rule's answer (model.md), first that applies: `STATIC` when no context could
 * change the answer of the flag's first rule; `SPLIT` when a rollout below 100 % admitted the
 * context or a weight chose among two or more variants; `DEFAULT` for an "everyone" rule after
 * rules that did not match; else `TARGETING_MATCH`.
 *
 * @example
 * matchReason({ index: 0, prerequisites: false, everyone: true, partial: false, weighted: 1, overrides: false }, 'weight');
 * // 'STATIC'
 */
export function matchReason(facts: RuleFacts, choice: VariantChoice): EvaluationReason {
  const { index, prerequisites, everyone, partial, weighted, overrides } = facts;
  if (index === 0 && !prerequisites && everyone && weighted <= 1 && !overrides) return 'STATIC';
  if (partial || (choice === 'weight' && weighted >= 2)) return 'SPLIT';
  if (everyone && index > 0) return 'DEFAULT';
  return 'TARGETING_MATCH';
}
