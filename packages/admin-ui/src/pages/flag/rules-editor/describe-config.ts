import type { Schemas } from '../../../api.js';
import { describeCondition } from '../../../conditions/describe-condition.js';
import { sameValue } from './rebase.js';

type Config = Schemas['FlagConfig'];
type Rule = Schemas['Rule'];

/** A rule's name for people: its own, or its place. */
export function ruleTitle(rule: Rule, index: number): string {
  return rule.name === undefined || rule.name === '' ? `Rule ${index + 1}` : `Rule ${index + 1} “${rule.name}”`;
}

/**
 * Who a rule serves, in one line.
 *
 * @example
 * describeRule({ id: 'r1', segments: ['beta'], rollout: { percentage: 25 } });
 * // 'in segment beta; 25 %'
 */
export function describeRule(rule: Rule): string {
  const parts: string[] = [];
  const segments = rule.segments ?? [];
  if (segments.length > 0) parts.push(`in segment${segments.length === 1 ? '' : 's'} ${segments.join(', ')}`);
  parts.push(...(rule.conditions ?? []).map(describeCondition));
  if (parts.length === 0) parts.push('everyone');
  const { bucketBy, salt } = rule.rollout;
  const unit = [
    ...(bucketBy === undefined ? [] : [`by ${bucketBy.join(', ')}`]),
    ...(salt === undefined ? [] : [`salt “${salt}”`]),
  ];
  parts.push(`${rule.rollout.percentage} %${unit.length === 0 ? '' : ` (${unit.join(', ')})`}`);
  if ((rule.variants ?? []).length > 0) parts.push(`variants ${describeVariants(rule.variants ?? [])}`);
  return parts.join('; ');
}

/**
 * Variants with their weights (and values, briefly).
 *
 * @example
 * describeVariants([{ key: 'a', weight: 50 }, { key: 'b', weight: 50 }]); // 'a 50, b 50'
 */
export function describeVariants(variants: readonly Schemas['Variant'][]): string {
  if (variants.length === 0) return 'none';
  return variants
    .map((variant) => {
      const value = variant.value === undefined ? '' : ` = ${brief(JSON.stringify(variant.value))}`;
      const overrides = (variant.overrides ?? []).length;
      const pinned = overrides === 0 ? '' : ` (${overrides} override${overrides === 1 ? '' : 's'})`;
      return `${variant.key} ${variant.weight}${value}${pinned}`;
    })
    .join(', ');
}

/** A prerequisite in words: "parent on (a or no variant)". */
export function describePrerequisite(prerequisite: Schemas['Prerequisite']): string {
  if (prerequisite.enabled === false) return `${prerequisite.flag} off`;
  const variants = (prerequisite.variants ?? []).map((variant) => variant ?? 'no variant');
  return variants.length === 0 ? `${prerequisite.flag} on` : `${prerequisite.flag} on (${variants.join(' or ')})`;
}

function brief(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * What someone changed between the version a person read and the newer one, one short line
 * for each thing, for the person to judge before redoing their changes on top.
 *
 * @example
 * describeChanges(read, latest); // ['turned it off', 'rule 1 “everyone”: 5 % → 25 %']
 */
export function describeChanges(before: Config, after: Config): string[] {
  const lines: string[] = [];
  if (before.enabled !== after.enabled) lines.push(`turned it ${after.enabled ? 'on' : 'off'}`);
  lines.push(...describeRuleChanges(before.rules, after.rules));
  if (!sameValue(before.variants, after.variants)) {
    lines.push(`variants: ${describeVariants(before.variants)} → ${describeVariants(after.variants)}`);
  }
  if (!sameValue(before.variantsBucketBy, after.variantsBucketBy)) {
    lines.push(`variants bucket by: ${chain(before.variantsBucketBy)} → ${chain(after.variantsBucketBy)}`);
  }
  if (before.defaultVariant !== after.defaultVariant) {
    lines.push(`default variant: ${before.defaultVariant ?? 'none'} → ${after.defaultVariant ?? 'none'}`);
  }
  if (!sameValue(before.prerequisites, after.prerequisites)) {
    lines.push(`prerequisites: ${prerequisites(before)} → ${prerequisites(after)}`);
  }
  return lines;
}

function chain(units: readonly string[] | undefined): string {
  return units === undefined ? 'the default' : units.join(', ');
}

function prerequisites(config: Config): string {
  return config.prerequisites.length === 0 ? 'none' : config.prerequisites.map(describePrerequisite).join(', ');
}

function describeRuleChanges(before: readonly Rule[], after: readonly Rule[]): string[] {
  const lines: string[] = [];
  const old = new Map(before.map((rule) => [rule.id, rule]));
  const kept = new Set(after.map((rule) => rule.id));
  after.forEach((rule, i) => {
    const previous = old.get(rule.id);
    if (previous === undefined) lines.push(`added ${lower(ruleTitle(rule, i))}: ${describeRule(rule)}`);
    else if (!sameValue(previous, rule)) lines.push(`${lower(ruleTitle(rule, i))}: ${ruleDelta(previous, rule)}`);
  });
  before.forEach((rule, i) => {
    if (!kept.has(rule.id)) lines.push(`removed ${lower(ruleTitle(rule, i))}`);
  });
  const order = (rules: readonly Rule[]) => rules.map((rule) => rule.id).filter((id) => old.has(id) && kept.has(id));
  if (!sameValue(order(before), order(after))) lines.push('reordered the rules');
  return lines;
}

function ruleDelta(previous: Rule, rule: Rule): string {
  const { rollout: was, ...wasRest } = previous;
  const { rollout: now, ...nowRest } = rule;
  if (sameValue(wasRest, nowRest) && sameValue({ ...was, percentage: 0 }, { ...now, percentage: 0 })) {
    return `${was.percentage} % → ${now.percentage} %`;
  }
  return `now ${describeRule(rule)}`;
}

function lower(title: string): string {
  return title.charAt(0).toLowerCase() + title.slice(1);
}
