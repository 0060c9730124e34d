import { describe, expect, it } from 'vitest';
import { NEW_PLAN_FORM, placeServerErrors, readPlanForm } from './plan-form.js';

describe('readPlanForm', () => {
  it('holds every step but the last', () => {
    expect(readPlanForm(NEW_PLAN_FORM)).toEqual({
      ok: true,
      input: {
        steps: [
          { percentage: 1, holdSeconds: 600 },
          { percentage: 5, holdSeconds: 600 },
          { percentage: 25, holdSeconds: 600 },
          { percentage: 50, holdSeconds: 600 },
          { percentage: 100 },
        ],
      },
    });
  });

  it('reads percentages separated by commas or spaces, with or without %', () => {
    const result = readPlanForm({ ...NEW_PLAN_FORM, steps: '5%  50 %,100', hold: '1h' });
    expect(result.ok && result.input.steps.map((step) => step.percentage)).toEqual([5, 50, 100]);
  });

  it('needs no hold for a single step', () => {
    expect(readPlanForm({ ...NEW_PLAN_FORM, steps: '100', hold: '' })).toEqual({
      ok: true,
      input: { steps: [{ percentage: 100 }] },
    });
  });

  it('names the field of each slip', () => {
    const result = readPlanForm({ ...NEW_PLAN_FORM, steps: '5, 5', hold: '10', startAt: 'tomorrow' });
    expect(result).toEqual({
      ok: false,
      errors: new Map([
        ['steps', '5 is not above the step before it (5): each step must go higher'],
        ['hold', "'10' is not a duration: e.g. 90s, 10m, 2h or 1d"],
        ['startAt', 'not a date and time'],
      ]),
    });
  });

  it('refuses percentages that are not whole numbers from 1 to 100, and too many steps', () => {
    const error = (steps: string) => {
      const result = readPlanForm({ ...NEW_PLAN_FORM, steps });
      return result.ok ? undefined : result.errors.get('steps');
    };
    expect(error('0, 50')).toBe("'0' is not a whole percentage from 1 to 100");
    expect(error('2.5, 50')).toBe("'2.5' is not a whole percentage from 1 to 100");
    expect(error('101')).toBe("'101' is not a whole percentage from 1 to 100");
    expect(error('')).toBe('give at least one percentage, e.g. 1, 5, 25, 50, 100');
    expect(error(Array.from({ length: 21 }, (_, index) => index + 1).join(','))).toBe('at most 20 steps');
  });

  it('refuses a hold longer than 30 days', () => {
    const result = readPlanForm({ ...NEW_PLAN_FORM, hold: '31d' });
    expect(result.ok ? undefined : result.errors.get('hold')).toBe('at most 30 days (30d)');
  });

  it('sends the start in UTC, read in the reader’s zone', () => {
    const result = readPlanForm({ ...NEW_PLAN_FORM, startAt: '2030-01-07T09:00' });
    expect(result.ok && result.input.startAt).toBe(new Date('2030-01-07T09:00').toISOString());
  });

  it('adds a guard only when an event is given, with its action and figures', () => {
    const result = readPlanForm({ ...NEW_PLAN_FORM, guardEvent: ' checkout-error ', guardAction: 'pause' });
    expect(result.ok && result.input.guard).toEqual({
      event: 'checkout-error',
      action: 'pause',
      alpha: 0.05,
      minExposures: 500,
    });
    const without = readPlanForm({ ...NEW_PLAN_FORM, guardAlpha: 'nonsense' });
    expect(without.ok && without.input.guard).toBeUndefined();
  });

  it('refuses a guard’s alpha outside (0, 0.5] and exposures that are not whole', () => {
    const result = readPlanForm({ ...NEW_PLAN_FORM, guardEvent: 'e', guardAlpha: '0.6', guardMinExposures: '1.5' });
    expect(result.ok ? undefined : [...result.errors.keys()]).toEqual(['guardAlpha', 'guardMinExposures']);
  });
});

describe('placeServerErrors', () => {
  it('says a step’s message at its field, naming the step as people count', () => {
    expect(
      placeServerErrors(
        new Map([
          ['steps.1.holdSeconds', 'must be at most 2592000'],
          ['steps.2.percentage', "must be more than the previous step's 50"],
          ['steps.3', 'required'],
        ]),
      ),
    ).toEqual({
      fields: new Map([
        ['hold', 'step 2: must be at most 2592000'],
        ['steps', "step 3: must be more than the previous step's 50; step 4: required"],
      ]),
      rest: [],
    });
  });

  it('places the start and the guard’s fields, and keeps the rest with their paths', () => {
    expect(
      placeServerErrors(
        new Map([
          ['startAt', 'must be ISO 8601 with an offset'],
          ['guard.alpha', 'must be at most 0.5'],
          ['ruleId', 'no such rule'],
          ['', 'the body must be JSON'],
        ]),
      ),
    ).toEqual({
      fields: new Map([
        ['startAt', 'must be ISO 8601 with an offset'],
        ['guardAlpha', 'must be at most 0.5'],
      ]),
      rest: ['ruleId: no such rule', 'the body must be JSON'],
    });
  });
});
