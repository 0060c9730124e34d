import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { parseDuration, parseStartAt, parseSteps, planInput } from './plan-input.js';

const failure = (work: () => unknown): CliError => {
  try {
    work();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('it did not fail');
};

describe('release plan input', () => {
  it('reads durations in seconds, minutes, hours and days, alone or combined', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('10m')).toBe(600);
    expect(parseDuration('2h')).toBe(7_200);
    expect(parseDuration('1d')).toBe(86_400);
    expect(parseDuration('1h30m')).toBe(5_400);
    expect(parseDuration('30d')).toBe(2_592_000);
  });

  it('refuses a bad duration, naming the option', () => {
    for (const bad of ['10', '10 minutes', 'm', '-5m', '1.5h', '']) {
      expect(failure(() => parseDuration(bad)).message).toMatch(/^--hold: /);
    }
    expect(failure(() => parseDuration('31d')).message).toContain('longer than 30 days');
  });

  it('reads steps as whole percentages, each above the one before', () => {
    expect(parseSteps('1,5,25,50,100')).toEqual([1, 5, 25, 50, 100]);
    expect(parseSteps(' 10 , 100% ')).toEqual([10, 100]);
    for (const bad of ['0,50', '5,101', '1,,5', '2.5,50', 'a,b']) {
      expect(failure(() => parseSteps(bad)).message).toMatch(/^--steps: /);
    }
    expect(failure(() => parseSteps('50,25')).message).toContain('does not go above');
  });

  it('holds every step but the last, and sends the start time in UTC', () => {
    expect(planInput({ steps: '1,50,100', hold: '10m' })).toEqual({
      steps: [{ percentage: 1, holdSeconds: 600 }, { percentage: 50, holdSeconds: 600 }, { percentage: 100 }],
      ruleId: undefined,
      startAt: undefined,
      guard: undefined,
    });
    expect(parseStartAt('2030-01-07T09:00:00+01:00')).toBe('2030-01-07T08:00:00.000Z');
    expect(failure(() => parseStartAt('tomorrow')).message).toMatch(/^--start-at: /);
    expect(failure(() => parseStartAt('1')).message).toMatch(/^--start-at: /);
  });

  it('builds the guard from --guard and its options', () => {
    const input = planInput({ steps: '50,100', hold: '1h', guard: 'checkout-error', guardAction: 'pause' });
    expect(input.guard).toEqual({ event: 'checkout-error', action: 'pause', alpha: 0.05, minExposures: 500 });
    expect(failure(() => planInput({ steps: '50,100', hold: '1h', guard: 'e', guardAlpha: '0.9' })).message).toMatch(
      /^--guard-alpha: /,
    );
  });
});
