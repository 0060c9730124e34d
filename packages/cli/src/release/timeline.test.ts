import type { Schemas } from '@rampart/api-client';
import { describe, expect, it } from 'vitest';
import { painter } from '../output/style.js';
import { formatTime } from '../output/time.js';
import { describePlan } from './timeline.js';

const paint = painter(false);
const now = Date.parse('2030-01-01T12:15:00Z');
// Times are shown in the reader's time zone.
const local = formatTime;

const plan: Schemas['ReleasePlan'] = {
  id: 'q3k7m2xa9wbt',
  flag: 'new-checkout',
  environment: 'production',
  ruleId: 'r1',
  status: 'running',
  steps: [
    { percentage: 1, holdSeconds: 600, appliedAt: '2030-01-01T12:00:00.000Z' },
    { percentage: 5, holdSeconds: 600, appliedAt: '2030-01-01T12:10:00.000Z' },
    { percentage: 25, holdSeconds: 600 },
    { percentage: 100 },
  ],
  currentStep: 1,
  nextStepAt: '2030-01-01T12:20:00.000Z',
  startAt: null,
  pausedReason: null,
  guard: null,
  createdBy: 'alice@example.com',
  createdAt: '2030-01-01T12:00:00.000Z',
  updatedAt: '2030-01-01T12:10:00.000Z',
};

describe('a release plan for people', () => {
  it('shows applied steps with their time, the current one marked and when the next one is due', () => {
    expect(describePlan(plan, paint, now)).toEqual([
      'new-checkout in production: running  (plan q3k7m2xa9wbt, rule r1)',
      `  ✓ 1 %    applied ${local('2030-01-01T12:00:00Z')}, held 10m`,
      `  ▶ 5 %    applied ${local('2030-01-01T12:10:00Z')}, holds 10m   ← current`,
      `  · 25 %   due ${local('2030-01-01T12:20:00Z')} (in 5m)`,
      '  · 100 %',
    ]);
  });

  it('says why a plan is paused, and what its guard decided on which figures', () => {
    const lines = describePlan(
      {
        ...plan,
        status: 'paused',
        nextStepAt: null,
        pausedReason: "paused by the guard: checkout-error's rate went up",
        guard: {
          event: 'checkout-error',
          action: 'pause',
          alpha: 0.05,
          minExposures: 500,
          decision: 'harm',
          figures: {
            batches: 3,
            exposures: { treatment: 1200, control: 1180 },
            events: { treatment: 48, control: 12 },
            rates: { treatment: 0.04, control: 0.010169 },
            statistic: 4.12,
            threshold: 2.9957,
            minExposuresReached: true,
            sampleRatio: {
              treatmentShare: { observed: 0.504, expected: 0.5 },
              statistic: 0.1,
              threshold: 2.9957,
              minExposuresReached: true,
            },
          },
        },
      },
      paint,
      now,
    );
    expect(lines[0]).toBe('new-checkout in production: paused  (plan q3k7m2xa9wbt, rule r1)');
    expect(lines[3]).toBe('  · 25 %');
    expect(lines.slice(5)).toEqual([
      "paused: paused by the guard: checkout-error's rate went up",
      'guard: checkout-error (pause on harm, alpha 0.05): harm: the release raises the rate',
      '             treatment  control',
      '  exposures  1200       1180',
      '  events     48         12',
      '  rate       4.00 %     1.02 %',
      '  statistic 4.12 of threshold 3.00 over 3 batches',
    ]);
  });

  it('marks no step current once the plan has completed, and says when a guard has not measured yet', () => {
    const applied = (percentage: number, at: string) => ({ percentage, holdSeconds: 60, appliedAt: at });
    const lines = describePlan(
      {
        ...plan,
        status: 'completed',
        steps: [applied(50, '2030-01-01T12:00:00Z'), { percentage: 100, appliedAt: '2030-01-01T12:01:00Z' }],
        currentStep: 1,
        nextStepAt: null,
        guard: { event: 'e', action: 'kill', alpha: 0.01, minExposures: 500, decision: null, figures: null },
      },
      paint,
      now,
    );
    expect(lines.slice(1)).toEqual([
      `  ✓ 50 %   applied ${local('2030-01-01T12:00:00Z')}, held 1m`,
      `  ✓ 100 %  applied ${local('2030-01-01T12:01:00Z')}`,
      'guard: e (kill on harm, alpha 0.01): not measured yet',
    ]);
  });
});
