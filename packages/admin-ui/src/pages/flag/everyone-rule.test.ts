import { describe, expect, it } from 'vitest';
import { everyoneRule } from './everyone-rule.js';

const rule = (id: string, fields: { segments?: string[]; percentage?: number; attribute?: string } = {}) => ({
  id,
  segments: fields.segments ?? [],
  conditions: fields.attribute === undefined ? [] : [{ attribute: fields.attribute, operator: 'in', values: ['x'] }],
  rollout: { percentage: fields.percentage ?? 100 },
});

describe('the everyone rule', () => {
  it('is the rule with no segments and no conditions, whatever its place', () => {
    expect(everyoneRule([rule('a', { segments: ['beta'] }), rule('b', { percentage: 5 })])).toEqual({
      kind: 'one',
      percentage: 5,
      index: 1,
    });
  });

  it('may not exist yet (a ramp adds it)', () => {
    expect(everyoneRule([])).toEqual({ kind: 'none' });
    expect(everyoneRule([rule('a', { attribute: 'plan' })])).toEqual({ kind: 'none' });
  });

  it('is ambiguous when several rules apply to everyone', () => {
    expect(everyoneRule([rule('a'), rule('b')])).toEqual({ kind: 'several' });
  });
});
