/**
 * Evaluation against a reference: model.md's Evaluation section read as plainly as possible,
 * over flags of `in`/`not_in` conditions, segments, rollouts and variants, and small contexts
 * that make every step (and every reason) happen often. It shares nothing with core but the
 * types: the hash is the murmurhash package fed TextEncoder's bytes.
 */
import fc from 'fast-check';
import murmurhash from 'murmurhash';
import { describe, expect, it } from 'vitest';
import { compile } from './compile/compile';
import { evaluate } from './evaluate';
import type {
  Condition,
  EvaluationContext,
  EvaluationReason,
  FlagValue,
  Rule,
  Segment,
  SnapshotFlag,
  Variant,
} from './model';
import { snapshotOf } from './test-support/snapshot';

interface Answer {
  enabled: boolean;
  variant: string | null;
  value: FlagValue | undefined;
  reason: EvaluationReason;
  ruleId: string | undefined;
}

const utf8 = new TextEncoder();
const isBoolean = (flag: SnapshotFlag) => (flag.type ?? 'boolean') === 'boolean';
const hash = (text: string, seed: number): number => murmurhash.v3(utf8.encode(text), seed);

function reference(flags: SnapshotFlag[], segments: Segment[], key: string, context: EvaluationContext): Answer {
  const live = (k: string) => flags.find((flag) => flag.key === k && flag.archived !== true);
  const read = (attribute: string) => {
    const value = context[attribute];
    return value === undefined || value === null ? undefined : String(value);
  };
  const unit = (chain: readonly string[]) => chain.map(read).find((value) => value !== undefined && value !== '');
  const holds = (c: Condition) => {
    const value = read(c.attribute);
    const found = value !== undefined && c.values.includes(value);
    const result = c.operator === 'in' ? found : !found;
    return result !== (c.negate === true);
  };
  const off = (flag: SnapshotFlag, reason: EvaluationReason, variant?: Variant): Answer => ({
    enabled: false,
    variant: variant?.key ?? null,
    value: isBoolean(flag) ? false : variant?.value,
    reason,
    ruleId: undefined,
  });
  const byWeight = (variants: readonly Variant[], salt: string, chain: readonly string[]) => {
    const id = unit(chain);
    const total = variants.reduce((sum, v) => sum + v.weight, 0);
    if (id === undefined || total === 0) return undefined;
    const target = (hash(`${salt}:${id}`, 86028157) % total) + 1;
    let sum = 0;
    return variants.find((v) => v.weight > 0 && (sum += v.weight) >= target);
  };

  function matches(flag: SnapshotFlag, rule: Rule): boolean {
    for (const segmentKey of rule.segments ?? []) {
      const segment = segments.find((s) => s.key === segmentKey);
      if (segment === undefined || !segment.conditions.every(holds)) return false;
    }
    if (!(rule.conditions ?? []).every(holds)) return false;
    const id = unit(rule.rollout.bucketBy ?? []);
    if (id === undefined) return false;
    const h = hash(`${rule.rollout.salt ?? flag.key}:${id}`, 0);
    const position = (h % 100) * 1000 + (Math.floor(h / 100) % 1000);
    return rule.rollout.percentage > 0 && position < Math.round(rule.rollout.percentage * 1000);
  }

  function on(flag: SnapshotFlag, rule: Rule, index: number): Answer {
    const own = rule.variants !== undefined && rule.variants.length > 0 ? rule.variants : undefined;
    const variants = own ?? flag.variants ?? [];
    let chosen: Variant | undefined;
    let byAWeight = false;
    if (own !== undefined) {
      chosen = byWeight(own, rule.rollout.salt ?? flag.key, rule.variantsBucketBy ?? rule.rollout.bucketBy ?? []);
      byAWeight = chosen !== undefined;
    } else {
      const pins = (o: { attribute: string; values: readonly string[] }) => {
        const value = read(o.attribute);
        return value !== undefined && o.values.includes(value);
      };
      chosen = variants.find((v) => (v.overrides ?? []).some(pins));
      if (chosen === undefined) {
        chosen = byWeight(variants, flag.key, flag.variantsBucketBy ?? []);
        byAWeight = chosen !== undefined;
      }
    }
    const weighing = variants.filter((v) => v.weight > 0).length;
    const overrides = own === undefined && variants.some((v) => (v.overrides ?? []).length > 0);
    const full = rule.rollout.percentage === 100;
    const everyone = (rule.segments ?? []).length === 0 && (rule.conditions ?? []).length === 0 && full;
    let reason: EvaluationReason = 'TARGETING_MATCH';
    if (index === 0 && (flag.prerequisites ?? []).length === 0 && everyone && weighing <= 1 && !overrides)
      reason = 'STATIC';
    else if (!full || (byAWeight && weighing >= 2)) reason = 'SPLIT';
    else if (everyone && index > 0) reason = 'DEFAULT';
    const value = isBoolean(flag) ? true : chosen?.value;
    return { enabled: true, variant: chosen?.key ?? null, value, reason, ruleId: rule.id };
  }

  function own(flag: SnapshotFlag): Answer {
    if (!flag.enabled) return off(flag, 'DISABLED');
    const rules = flag.rules ?? [];
    for (const [index, rule] of rules.entries()) if (matches(flag, rule)) return on(flag, rule, index);
    const fallback = isBoolean(flag) ? undefined : flag.variants?.find((v) => v.key === flag.defaultVariant);
    return off(flag, 'DEFAULT', fallback);
  }

  const flag = live(key);
  if (flag === undefined)
    return { enabled: false, variant: null, value: undefined, reason: 'ERROR', ruleId: undefined };
  for (const prerequisite of flag.prerequisites ?? []) {
    const parent = live(prerequisite.flag);
    if (parent === undefined || (parent.prerequisites ?? []).length > 0) return off(flag, 'PREREQUISITE_FAILED');
    const answer = own(parent);
    const wanted = prerequisite.variants ?? [];
    const holds =
      prerequisite.enabled === false
        ? !answer.enabled
        : answer.enabled && (wanted.length === 0 || wanted.includes(answer.variant));
    if (!holds) return off(flag, 'PREREQUISITE_FAILED');
  }
  return own(flag);
}

// Unit chains are always given, without `$random`: a random unit would differ between the two.
// Small worlds, so that conditions hold, overrides pin, chains fail and rules fall through often.
const name = fc.constantFrom('u1', 'u2', 'u3', 'vip', '');
const plan = fc.constantFrom('free', 'pro', 'team');
const condition: fc.Arbitrary<Condition> = fc.record({
  attribute: fc.constantFrom('plan', 'userId'),
  operator: fc.constantFrom('in', 'not_in'),
  values: fc.array(fc.oneof(plan, name), { minLength: 1, maxLength: 3 }),
  negate: fc.boolean(),
});
const chain = fc.constantFrom(['userId'], ['sessionId', 'userId'], ['accountId']);
const variantKey = fc.constantFrom('a', 'b', 'c');
const variants = (withOverrides: boolean): fc.Arbitrary<Variant[]> =>
  fc.uniqueArray(
    fc.record(
      {
        key: variantKey,
        value: fc.constantFrom('x', 'y', 7),
        weight: fc.constantFrom(0, 1, 3),
        overrides: withOverrides
          ? fc.array(fc.record({ attribute: fc.constant('userId'), values: fc.array(name, { maxLength: 2 }) }), {
              maxLength: 1,
            })
          : fc.constant([]),
      },
      { requiredKeys: ['key', 'weight'] },
    ),
    { selector: (variant) => variant.key, maxLength: 3 },
  );
const rule: fc.Arbitrary<Omit<Rule, 'id'>> = fc.record(
  {
    segments: fc.array(fc.constantFrom('beta', 'beta', 'missing'), { maxLength: 1 }),
    conditions: fc.array(condition, { maxLength: 1 }),
    rollout: fc.record(
      { percentage: fc.constantFrom(0, 33.333, 50, 100, 100, 100), bucketBy: chain, salt: fc.constantFrom('s', '') },
      { requiredKeys: ['percentage', 'bucketBy'] },
    ),
    variants: variants(false),
    variantsBucketBy: chain,
  },
  { requiredKeys: ['rollout'] },
);
const flagKey = fc.constantFrom('f', 'g', 'h');
const flag: fc.Arbitrary<SnapshotFlag> = fc.record(
  {
    key: flagKey,
    type: fc.constantFrom('boolean', 'string', 'json'),
    enabled: fc.constantFrom(true, true, true, false),
    archived: fc.constantFrom(false, false, false, true),
    // No rules at all is the same as no rule matching, which plenty of rules give too.
    rules: fc
      .array(rule, { minLength: 1, maxLength: 3 })
      .map((rules) => rules.map((r, i): Rule => ({ ...r, id: `r${i}` }))),
    variants: variants(true),
    variantsBucketBy: chain,
    defaultVariant: fc.constantFrom('a', 'b', 'z'),
    // Mostly none: a prerequisite fails more often than it holds.
    prerequisites: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      fc.tuple(
        fc.record(
          { flag: flagKey, enabled: fc.boolean(), variants: fc.array(fc.option(variantKey, { nil: null })) },
          { requiredKeys: ['flag'] },
        ),
      ),
    ),
  },
  { requiredKeys: ['key', 'enabled', 'variantsBucketBy', 'prerequisites'] },
);

interface World {
  flags: SnapshotFlag[];
  segments: Segment[];
  context: EvaluationContext;
  key: string;
}

const world: fc.Arbitrary<World> = fc
  .record({
    flags: fc.uniqueArray(flag, { selector: (f) => f.key, minLength: 1, maxLength: 3 }),
    segments: fc.constantFrom<Segment[]>(
      [],
      [{ key: 'beta', conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }] }],
    ),
    context: fc.record({ userId: name, sessionId: name, plan }, { requiredKeys: ['userId'] }),
  })
  .chain((w) => fc.constantFrom(...w.flags.map((f) => f.key)).map((key) => ({ ...w, key })));

function evaluated({ flags, segments, context, key }: World) {
  const { enabled, variant, value, reason, ruleId } = evaluate(compile(snapshotOf(flags, segments)), key, context);
  return { enabled, variant, value, reason, ruleId };
}

describe('evaluation against a reference reading of model.md', () => {
  it('gives the reference’s answer and reason for every flag and context', () => {
    fc.assert(
      fc.property(world, (w) => {
        expect(evaluated(w)).toEqual(reference(w.flags, w.segments, w.key, w.context));
      }),
      { numRuns: 3000 },
    );
  });

  it('serves the default variant exactly when no rule matched a live, enabled non-boolean flag naming one', () => {
    fc.assert(
      fc.property(world, (w) => {
        const result = evaluated(w);
        const flag = w.flags.find((f) => f.key === w.key);
        const named = flag?.variants?.some((v) => v.key === flag.defaultVariant) === true;
        const noRuleMatched = result.reason === 'DEFAULT' && result.ruleId === undefined;
        const served = result.variant !== null && !result.enabled;
        expect(served).toBe(noRuleMatched && flag !== undefined && !isBoolean(flag) && named);
        if (served) expect(result.variant).toBe(flag?.defaultVariant);
      }),
      { numRuns: 3000 },
    );
  });
});
