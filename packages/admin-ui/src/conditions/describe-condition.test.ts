import { describe, expect, it } from 'vitest';
import { describeCondition, describeValues } from './describe-condition.js';

describe('describing conditions', () => {
  it('reads as a sentence', () => {
    expect(describeCondition({ attribute: 'plan', operator: 'in', values: ['pro', 'team'] })).toBe(
      'plan is one of pro, team',
    );
    expect(describeCondition({ attribute: 'age', operator: 'num_gte', values: ['18'] })).toBe('age ≥ 18');
  });

  it('says when a condition is negated or ignores case', () => {
    expect(
      describeCondition({
        attribute: 'email',
        operator: 'str_ends_with',
        values: ['@acme.com'],
        negate: true,
        caseInsensitive: true,
      }),
    ).toBe('email ends with @acme.com (negated, any case)');
  });

  it('does not claim case-insensitivity for operators it does not affect', () => {
    expect(describeCondition({ attribute: 'age', operator: 'num_gt', values: ['1'], caseInsensitive: true })).toBe(
      'age > 1',
    );
  });

  it('names a few entries of a long list and counts the rest', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => String(i));
    expect(describeValues(ids)).toBe('0, 1, 2, 3, 4 and 99995 more');
  });

  it('quotes values that would read ambiguously', () => {
    expect(describeValues(['', 'a b', 'c,d'])).toBe('"", "a b", "c,d"');
    expect(describeValues([])).toBe('nothing');
  });
});
