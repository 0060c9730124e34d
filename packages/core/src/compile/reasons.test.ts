import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import type { EvaluationContext, EvaluationResult, Rule, Segment, SnapshotFlag, Variant } from '../model';
import { flagOf, snapshotOf } from '../test-support/snapshot';
import { compile } from './compile';

const segments: Segment[] = [{ key: 'anyone', conditions: [] }];
const parent = flagOf('parent');

function evaluateOne(flag: SnapshotFlag, context: EvaluationContext = {}): EvaluationResult {
  return evaluate(compile(snapshotOf([flag, parent], segments)), flag.key, context);
}

const everyone: Rule = { id: 'everyone', rollout: { percentage: 100 } };
const pro: Rule = {
  id: 'pro',
  conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }],
  rollout: { percentage: 100 },
};
const anyoneSegment: Rule = { id: 'segment', segments: ['anyone'], rollout: { percentage: 100 } };
// Below 100 %, yet admitting the users of these cases (each expectation checks `enabled`).
const nearlyAll: Rule = { id: 'nearly-all', rollout: { percentage: 99.999, bucketBy: ['userId'] } };

const one: Variant[] = [
  { key: 'only', value: 'x', weight: 1 },
  { key: 'never', value: 'z', weight: 0 },
];
const two: Variant[] = [
  { key: 'a', value: 'x', weight: 1 },
  { key: 'b', value: 'y', weight: 1 },
];
const pinned: Variant[] = [
  { key: 'a', value: 'x', weight: 1, overrides: [{ attribute: 'userId', values: ['vip'] }] },
  { key: 'b', value: 'y', weight: 0 },
];

const string = (overrides: Partial<SnapshotFlag>): SnapshotFlag => flagOf('f', { type: 'string', ...overrides });

interface Case {
  flag: SnapshotFlag;
  context?: EvaluationContext;
  expected: Partial<EvaluationResult>;
}

const cases: Record<string, Case> = {
  'STATIC: the first rule serves everyone, on a flag without prerequisites': {
    flag: flagOf('f', { rules: [everyone] }),
    expected: { enabled: true, variant: null, reason: 'STATIC', ruleId: 'everyone' },
  },
  'STATIC: … with the one variant of non-zero weight': {
    flag: string({ variants: one, rules: [everyone] }),
    context: { userId: 'u1' },
    expected: { enabled: true, variant: 'only', value: 'x', reason: 'STATIC' },
  },
  'STATIC: … with rule variants that all weigh 0': {
    flag: string({ variants: two, rules: [{ ...everyone, variants: [{ key: 'r', value: 'w', weight: 0 }] }] }),
    context: { userId: 'u1' },
    expected: { enabled: true, variant: null, reason: 'STATIC' },
  },
  'SPLIT: a rollout below 100 % admitted the context': {
    flag: flagOf('f', { rules: [nearlyAll] }),
    context: { userId: 'u1' },
    expected: { enabled: true, reason: 'SPLIT' },
  },
  'SPLIT: … even when an override chose the variant': {
    flag: string({ variants: pinned, rules: [nearlyAll] }),
    context: { userId: 'vip' },
    expected: { enabled: true, variant: 'a', reason: 'SPLIT' },
  },
  'SPLIT: a weight chose among two variants of non-zero weight': {
    flag: string({ variants: two, rules: [everyone] }),
    context: { userId: 'u1' },
    expected: { enabled: true, reason: 'SPLIT' },
  },
  'SPLIT: … on an "everyone" rule after rules that did not match': {
    flag: string({ variants: two, rules: [pro, everyone] }),
    context: { userId: 'u1', plan: 'free' },
    expected: { enabled: true, reason: 'SPLIT', ruleId: 'everyone' },
  },
  'DEFAULT: an "everyone" rule after rules that did not match': {
    flag: flagOf('f', { rules: [pro, everyone] }),
    context: { plan: 'free' },
    expected: { enabled: true, variant: null, reason: 'DEFAULT', ruleId: 'everyone' },
  },
  'DEFAULT: … serving its one variant of non-zero weight': {
    flag: string({ variants: one, rules: [pro, everyone] }),
    context: { userId: 'u1', plan: 'free' },
    expected: { enabled: true, variant: 'only', value: 'x', reason: 'DEFAULT' },
  },
  'DEFAULT: … even when an override chose the variant': {
    flag: string({ variants: pinned, rules: [pro, everyone] }),
    context: { userId: 'vip', plan: 'free' },
    expected: { enabled: true, variant: 'a', reason: 'DEFAULT' },
  },
  'TARGETING_MATCH: conditions decided': {
    flag: flagOf('f', { rules: [pro, everyone] }),
    context: { plan: 'pro' },
    expected: { enabled: true, reason: 'TARGETING_MATCH', ruleId: 'pro' },
  },
  'TARGETING_MATCH: a segment decided, even one without conditions': {
    flag: flagOf('f', { rules: [anyoneSegment] }),
    expected: { enabled: true, reason: 'TARGETING_MATCH', ruleId: 'segment' },
  },
  'TARGETING_MATCH: an override decided': {
    flag: string({ variants: pinned, rules: [everyone] }),
    context: { userId: 'vip' },
    expected: { enabled: true, variant: 'a', value: 'x', reason: 'TARGETING_MATCH' },
  },
  'TARGETING_MATCH: the first rule serves everyone, but overrides could pin a variant': {
    flag: string({ variants: pinned, rules: [everyone] }),
    context: { userId: 'u1' },
    expected: { enabled: true, variant: 'a', reason: 'TARGETING_MATCH' },
  },
  'TARGETING_MATCH: the first rule serves everyone, but the flag has prerequisites': {
    flag: flagOf('f', { rules: [everyone], prerequisites: [{ flag: 'parent' }] }),
    expected: { enabled: true, reason: 'TARGETING_MATCH' },
  },
  'TARGETING_MATCH: two variants weigh, but the variant chain resolved nothing': {
    flag: string({ variants: two, variantsBucketBy: ['accountId'], rules: [everyone] }),
    context: { userId: 'u1' },
    expected: { enabled: true, variant: null, reason: 'TARGETING_MATCH' },
  },
  'DEFAULT: off, as no rule matched': {
    flag: flagOf('f', { rules: [pro] }),
    context: { plan: 'free' },
    expected: { enabled: false, variant: null, value: false, reason: 'DEFAULT', ruleId: undefined },
  },
  'DEFAULT: off, as there are no rules': {
    flag: flagOf('f', { rules: [] }),
    expected: { enabled: false, variant: null, value: false, reason: 'DEFAULT' },
  },
  'DISABLED: the kill switch is off': {
    flag: flagOf('f', { enabled: false, rules: [everyone] }),
    expected: { enabled: false, variant: null, value: false, reason: 'DISABLED' },
  },
  'PREREQUISITE_FAILED: a prerequisite does not hold': {
    flag: flagOf('f', { rules: [everyone], prerequisites: [{ flag: 'parent', enabled: false }] }),
    expected: { enabled: false, variant: null, value: false, reason: 'PREREQUISITE_FAILED' },
  },
};

describe('reasons', () => {
  it.each(Object.entries(cases))('%s', (_, { flag, context, expected }) => {
    expect(evaluateOne(flag, context)).toMatchObject(expected);
  });

  it('answers ERROR with FLAG_NOT_FOUND for a flag that does not exist', () => {
    expect(evaluate(compile(snapshotOf([])), 'missing')).toMatchObject({
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
    });
  });
});

describe('default variant', () => {
  const layout = (overrides: Partial<SnapshotFlag> = {}) =>
    string({ variants: two, defaultVariant: 'b', rules: [pro], ...overrides });

  it('serves the default variant and its value when no rule matches, with the flag off', () => {
    expect(evaluateOne(layout(), { userId: 'u1', plan: 'free' })).toEqual({
      flagKey: 'f',
      enabled: false,
      variant: 'b',
      value: 'y',
      reason: 'DEFAULT',
    });
    expect(evaluateOne(layout({ rules: [] }))).toMatchObject({ enabled: false, variant: 'b', value: 'y' });
  });

  it('is not served when a rule matches', () => {
    const result = evaluateOne(
      layout({ variants: [...two, { key: 'c', value: 'z', weight: 0 }], defaultVariant: 'c' }),
      {
        userId: 'u1',
        plan: 'pro',
      },
    );
    expect(result).toMatchObject({ enabled: true, reason: 'SPLIT', ruleId: 'pro' });
    expect(result.variant).not.toBe('c');
  });

  it('is served whatever its weight, and without a value when it has none', () => {
    const variants: Variant[] = [
      { key: 'a', value: 'x', weight: 1 },
      { key: 'b', weight: 0 },
    ];
    expect(evaluateOne(layout({ variants }))).toMatchObject({ enabled: false, variant: 'b', value: undefined });
  });

  it('is not served when the flag is killed or a prerequisite fails', () => {
    expect(evaluateOne(layout({ enabled: false }))).toMatchObject({
      variant: null,
      value: undefined,
      reason: 'DISABLED',
    });
    expect(evaluateOne(layout({ prerequisites: [{ flag: 'missing' }] }))).toMatchObject({
      variant: null,
      value: undefined,
      reason: 'PREREQUISITE_FAILED',
    });
  });

  it('is ignored on boolean flags and when it names no flag-level variant', () => {
    expect(evaluateOne(flagOf('f', { variants: two, defaultVariant: 'b', rules: [] }))).toMatchObject({
      variant: null,
      value: false,
    });
    expect(evaluateOne(layout({ defaultVariant: 'nowhere' }))).toMatchObject({ variant: null, value: undefined });
  });

  it('leaves a parent that serves it off for its children’s prerequisites', () => {
    const child = (enabled: boolean) => flagOf('child', { prerequisites: [{ flag: 'f', enabled }] });
    const childOn = (enabled: boolean) =>
      evaluate(compile(snapshotOf([layout(), child(enabled)])), 'child', { plan: 'free' }).enabled;
    expect(childOn(true)).toBe(false);
    expect(childOn(false)).toBe(true);
  });
});
