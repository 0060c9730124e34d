import type { Rule } from '@rampart/core';
import type { RandomSource } from '../base/random.js';
import { randomId } from '../base/random.js';
import type { FlagConfigInput, RuleInput } from '../model/flag-config-input.js';
import type { FlagConfigRecord } from '../store/store.js';

export type ConfigContent = Pick<
  FlagConfigRecord,
  'enabled' | 'rules' | 'variants' | 'variantsBucketBy' | 'defaultVariant' | 'prerequisites'
>;

/**
 * A validated request body as stored content: absent lists become empty, rules without an
 * id get a fresh one (kept from then on), read-only fields are dropped.
 *
 * @example
 * const content = toConfigContent({ enabled: true, rules: [{ rollout: { percentage: 5 } }] }, random);
 */
export function toConfigContent(input: FlagConfigInput, random: RandomSource): ConfigContent {
  const taken = new Set((input.rules ?? []).flatMap((rule) => (rule.id === undefined ? [] : [rule.id])));
  return {
    enabled: input.enabled,
    rules: (input.rules ?? []).map((rule) => toRule(rule, rule.id ?? newRuleId(random, taken))),
    variants: input.variants ?? [],
    ...(input.variantsBucketBy === undefined ? {} : { variantsBucketBy: input.variantsBucketBy }),
    ...(input.defaultVariant === undefined ? {} : { defaultVariant: input.defaultVariant }),
    prerequisites: input.prerequisites ?? [],
  };
}

/**
 * A rule id not in `taken`, which it then joins.
 *
 * @example
 * const id = newRuleId(random, new Set(['r1'])); // e.g. 'k2w7q9ma'
 */
export function newRuleId(random: RandomSource, taken: Set<string>): string {
  for (;;) {
    const id = randomId(random, 8);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function toRule(rule: RuleInput, id: string): Rule {
  return {
    id,
    ...(rule.name === undefined ? {} : { name: rule.name }),
    segments: rule.segments ?? [],
    conditions: rule.conditions ?? [],
    rollout: rule.rollout,
    ...(rule.variants === undefined ? {} : { variants: rule.variants }),
    ...(rule.variantsBucketBy === undefined ? {} : { variantsBucketBy: rule.variantsBucketBy }),
  };
}

/**
 * The stored configuration's content, for comparing and for the audit log.
 *
 * @example
 * contentOf(record).enabled;
 */
export function contentOf(record: FlagConfigRecord): ConfigContent {
  return {
    enabled: record.enabled,
    rules: record.rules,
    variants: record.variants,
    ...(record.variantsBucketBy === undefined ? {} : { variantsBucketBy: record.variantsBucketBy }),
    ...(record.defaultVariant === undefined ? {} : { defaultVariant: record.defaultVariant }),
    prerequisites: record.prerequisites,
  };
}
