import { describe, expect, it } from 'vitest';
import { conditionDraftOf, conditionInputOf, conditionProblems } from './condition.js';
import { OPERATOR_INFO, OPERATORS } from './operators.js';

describe('conditions', () => {
  it('offers every operator of the model once', () => {
    expect(OPERATORS).toHaveLength(19);
    expect(new Set(OPERATORS)).toEqual(new Set(Object.keys(OPERATOR_INFO)));
  });

  it('keeps a stored condition as it is', () => {
    const stored = { attribute: 'plan', operator: 'in', values: ['pro', 'team'], negate: true };
    expect(conditionDraftOf(stored)).toEqual(stored);
  });

  it('sends list operands without blank lines, and one operand to operators that read one', () => {
    expect(conditionInputOf({ attribute: 'plan', operator: 'in', values: ['pro', '', 'team'] })).toEqual({
      attribute: 'plan',
      operator: 'in',
      values: ['pro', 'team'],
    });
    expect(conditionInputOf({ attribute: 'age', operator: 'num_gt', values: ['18', 'left over'] }).values).toEqual([
      '18',
    ]);
  });

  it('says what to fix, at the field the server would name', () => {
    expect(conditionProblems({ attribute: '', operator: 'num_gt', values: ['ten'] }, 'rules.0.conditions.1')).toEqual([
      { path: 'rules.0.conditions.1.attribute', message: 'name an attribute' },
      { path: 'rules.0.conditions.1.values', message: 'enter a number' },
    ]);
    expect(conditionProblems({ attribute: 'version', operator: 'semver_gte', values: ['v2'] }, 'conditions.0')).toEqual(
      [{ path: 'conditions.0.values', message: '"v2" is not a version like 1.4.0 (no leading v)' }],
    );
  });

  it('finds nothing wrong with an empty list or a valid operand', () => {
    expect(conditionProblems({ attribute: 'plan', operator: 'in', values: [] }, 'c')).toEqual([]);
    expect(conditionProblems({ attribute: 'ip', operator: 'in_cidr', values: ['10.0.0.0/8'] }, 'c')).toEqual([]);
    expect(
      conditionProblems({ attribute: 'currentTime', operator: 'date_after', values: ['2030-01-01'] }, 'c'),
    ).toEqual([]);
  });
});
