import type { Rule } from '@rampart/core';
import type { RandomSource } from '../base/random.js';
import { RampartError } from '../base/errors.js';
import type { FlagConfigRecord } from '../store/store.js';
import { quoteList } from '../model/config-problems.js';
import { contentOf, newRuleId, type ConfigContent } from './normalize-config.js';

export interface RampRequest {
  percentage: number;
  /** The rule to ramp; default: the "everyone" rule. */
  ruleId?: string | undefined;
  /**
   * Required when the flag is off here: `true` turns it on with the ramp, `false` ramps it
   * while it stays off (staging a release). Without it a ramp of a flag that is off is
   * refused, since nobody would get what was ramped. `false` never turns a flag off.
   */
  enable?: boolean | undefined;
}

/**
 * The configuration with one rule's rollout set to `percentage`. Without `ruleId`, the rule is
 * the "everyone" rule (no segments, no conditions), appended after the others when there is
 * none; several such rules are ambiguous (409). A flag that is off is ramped only with an
 * explicit `enable` (409 otherwise).
 *
 * @example
 * const next = rampedContent(current, { percentage: 5 }, random);
 */
export function rampedContent(current: FlagConfigRecord, request: RampRequest, random: RandomSource): ConfigContent {
  const { percentage, ruleId, enable } = request;
  if (!current.enabled && enable === undefined) {
    throw new RampartError(
      'conflict',
      `'${current.flag}' is off in ${current.environment}, so nobody would get the ramp: send "enable": true ` +
        'to turn it on with this ramp, or "enable": false to ramp it while it stays off',
    );
  }
  const rules = [...current.rules];
  let index: number;
  if (ruleId !== undefined) {
    index = rules.findIndex((rule) => rule.id === ruleId);
    if (index < 0)
      throw new RampartError(
        'not_found',
        `rule '${ruleId}' does not exist in ${current.flag} (${current.environment})`,
      );
  } else {
    index = everyoneRuleIndex(rules) ?? rules.length;
    if (index === rules.length) {
      const id = newRuleId(random, new Set(rules.map((rule) => rule.id)));
      rules.push({ id, name: 'everyone', segments: [], conditions: [], rollout: { percentage } });
    }
  }
  const rule = rules[index];
  if (rule !== undefined) rules[index] = { ...rule, rollout: { ...rule.rollout, percentage } };
  return { ...contentOf(current), rules, enabled: enable === true || current.enabled };
}

/**
 * The index of the rule that a ramp without `ruleId` moves: the one "everyone" rule, or
 * `undefined` when there is none. Several are ambiguous: 409, asking for a `ruleId`.
 *
 * @example
 * everyoneRuleIndex(config.rules); // 1
 */
export function everyoneRuleIndex(rules: readonly Rule[]): number | undefined {
  const everyone = rules.flatMap((rule, i) => (isEveryoneRule(rule) ? [i] : []));
  if (everyone.length > 1) {
    const ids = everyone.map((i) => rules[i]?.id ?? '');
    throw new RampartError('conflict', `several rules apply to everyone (${quoteList(ids)}); name one with ruleId`);
  }
  return everyone[0];
}

/**
 * Whether a rule applies to everyone: no segments, no conditions (its rollout may still be partial).
 *
 * @example
 * isEveryoneRule({ id: 'r1', rollout: { percentage: 5 } }); // true
 */
export function isEveryoneRule(rule: Rule): boolean {
  return (rule.segments ?? []).length === 0 && (rule.conditions ?? []).length === 0;
}
