import { describe, expect, it } from 'vitest';
import type { FlagConfigRecord } from '../store/store.js';
import { flagState } from './flag-state.js';

const config = (enabled: boolean, rules: FlagConfigRecord['rules']): FlagConfigRecord => ({
  flag: 'a',
  environment: 'production',
  enabled,
  rules,
  variants: [],
  prerequisites: [],
  version: 3,
  updatedAt: '2030-01-01T00:00:00.000Z',
});
const everyone = (percentage: number) => ({ id: 'e', segments: [], conditions: [], rollout: { percentage } });
const staff = { id: 's', segments: ['staff'], conditions: [], rollout: { percentage: 100 } };

describe('flagState', () => {
  it('says who gets the flag, in words and in figures', () => {
    expect(flagState(config(false, [everyone(100)]))).toMatchObject({ enabled: false, everyone: 100, summary: 'off' });
    expect(flagState(config(true, [everyone(100)])).summary).toBe('on for everyone');
    expect(flagState(config(true, [everyone(5)])).summary).toBe('on: everyone 5 %');
    expect(flagState(config(true, [staff, everyone(5)]))).toMatchObject({
      rules: 2,
      everyone: 5,
      summary: 'on: everyone 5 %, 1 more rule',
    });
    expect(flagState(config(true, [staff, staff]))).toMatchObject({
      everyone: null,
      summary: 'on: 2 rules, nobody else',
    });
    expect(flagState(config(true, [])).summary).toBe('on, but no rule: nobody gets it');
  });
});
