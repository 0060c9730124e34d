import { describe, expect, it } from 'vitest';
import { describeChanges, describePrerequisite, describeRule, describeVariants } from './describe-config.js';
import { configWith } from './config-fixture.js';

const everyone = { id: 'r1', name: 'everyone', segments: [], conditions: [], rollout: { percentage: 5 } };

describe('describing a configuration', () => {
  it('says who a rule serves', () => {
    expect(describeRule(everyone)).toBe('everyone; 5 %');
    expect(
      describeRule({
        id: 'r2',
        segments: ['beta'],
        conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }],
        rollout: { percentage: 25, bucketBy: ['accountId'], salt: 's' },
        variants: [{ key: 'a', weight: 1 }],
      }),
    ).toBe('in segment beta; plan is one of pro; 25 % (by accountId, salt “s”); variants a 1');
  });

  it('names variants with their weights and values', () => {
    expect(
      describeVariants([{ key: 'a', value: 'x', weight: 50, overrides: [{ attribute: 'userId', values: ['1'] }] }]),
    ).toBe('a 50 = "x" (1 override)');
    expect(describeVariants([])).toBe('none');
  });

  it('says what a prerequisite asks of its flag', () => {
    expect(describePrerequisite({ flag: 'parent' })).toBe('parent on');
    expect(describePrerequisite({ flag: 'parent', enabled: false })).toBe('parent off');
    expect(describePrerequisite({ flag: 'parent', variants: ['a', null] })).toBe('parent on (a or no variant)');
  });
});

describe('describing someone else’s changes', () => {
  it('names a ramp compactly', () => {
    const before = configWith({ rules: [everyone] });
    const after = configWith({ enabled: false, rules: [{ ...everyone, rollout: { percentage: 25 } }], version: 4 });
    expect(describeChanges(before, after)).toEqual(['turned it off', 'rule 1 “everyone”: 5 % → 25 %']);
  });

  it('names added, removed and reordered rules', () => {
    const other = { id: 'r2', segments: ['beta'], conditions: [], rollout: { percentage: 100 } };
    const third = { id: 'r3', segments: [], conditions: [], rollout: { percentage: 1 } };
    const before = configWith({ rules: [everyone, other] });
    const after = configWith({ rules: [third, other, everyone] });
    expect(describeChanges(before, after)).toEqual(['added rule 1: everyone; 1 %', 'reordered the rules']);
    expect(describeChanges(after, before)).toEqual(['removed rule 1', 'reordered the rules']);
  });

  it('names changes of variants, their unit chain, the default variant and prerequisites', () => {
    const before = configWith({});
    const after = configWith({
      variants: [{ key: 'a', weight: 1 }],
      variantsBucketBy: ['accountId'],
      defaultVariant: 'a',
      prerequisites: [{ flag: 'parent' }],
    });
    expect(describeChanges(before, after)).toEqual([
      'variants: none → a 1',
      'variants bucket by: the default → accountId',
      'default variant: none → a',
      'prerequisites: none → parent on',
    ]);
  });
});
