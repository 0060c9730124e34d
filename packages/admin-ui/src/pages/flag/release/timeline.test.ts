import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../../api.js';
import { buildTimeline, isUnderWay } from './timeline.js';

type Plan = Schemas['ReleasePlan'];

const plan = (change: Partial<Plan>): Plan => ({
  id: 'q3k7m2xa9wbt',
  flag: 'new-checkout',
  environment: 'production',
  ruleId: 'r1',
  status: 'running',
  steps: [
    { percentage: 1, holdSeconds: 600, appliedAt: '2030-01-01T12:00:00.000Z' },
    { percentage: 5, holdSeconds: 600, appliedAt: '2030-01-01T12:10:00.000Z' },
    { percentage: 50, holdSeconds: 3600 },
    { percentage: 100 },
  ],
  currentStep: 1,
  nextStepAt: '2030-01-01T12:20:00.000Z',
  startAt: null,
  pausedReason: null,
  guard: null,
  createdBy: 'ops',
  createdAt: '2030-01-01T12:00:00.000Z',
  updatedAt: '2030-01-01T12:10:00.000Z',
  ...change,
});

describe('buildTimeline', () => {
  it('marks the applied steps, the current one, and the next with its due time', () => {
    const steps = buildTimeline(plan({}));
    expect(steps.map((step) => step.state)).toEqual(['applied', 'current', 'next', 'waiting']);
    expect(steps[0]).toMatchObject({ number: 1, percentage: 1, appliedAt: '2030-01-01T12:00:00.000Z' });
    expect(steps[2]?.dueAt).toBe('2030-01-01T12:20:00.000Z');
    expect(steps.filter((step) => step.dueAt !== undefined)).toHaveLength(1);
  });

  it('makes the first step next, due at the start, while a plan is scheduled', () => {
    const steps = buildTimeline(
      plan({
        status: 'scheduled',
        currentStep: null,
        steps: [{ percentage: 100 }],
        nextStepAt: '2030-01-07T08:00:00.000Z',
      }),
    );
    expect(steps).toEqual([
      {
        number: 1,
        percentage: 100,
        holdSeconds: undefined,
        state: 'next',
        appliedAt: undefined,
        cutShort: false,
        dueAt: '2030-01-07T08:00:00.000Z',
      },
    ]);
  });

  it('gives a paused plan a next step but no due time', () => {
    const steps = buildTimeline(plan({ status: 'paused', nextStepAt: null, pausedReason: 'paused by ops' }));
    expect(steps.map((step) => step.state)).toEqual(['applied', 'current', 'next', 'waiting']);
    expect(steps.every((step) => step.dueAt === undefined)).toBe(true);
  });

  it('marks no step current once the plan has completed', () => {
    const applied = (percentage: number) => ({ percentage, holdSeconds: 60, appliedAt: '2030-01-01T12:00:00.000Z' });
    const steps = buildTimeline(plan({ status: 'completed', steps: [applied(5), applied(100)], currentStep: 1 }));
    expect(steps.map((step) => step.state)).toEqual(['applied', 'applied']);
  });

  it('marks the steps an aborted or killed plan never reached as skipped', () => {
    for (const status of ['aborted', 'killed'] as const) {
      const steps = buildTimeline(plan({ status, nextStepAt: null }));
      expect(steps.map((step) => step.state)).toEqual(['applied', 'applied', 'skipped', 'skipped']);
      expect(steps.map((step) => step.cutShort)).toEqual([false, true, false, false]);
    }
  });
});

describe('isUnderWay', () => {
  it('holds for scheduled, running and paused plans only', () => {
    const statuses: Plan['status'][] = ['scheduled', 'running', 'paused', 'completed', 'aborted', 'killed'];
    expect(statuses.filter((status) => isUnderWay(plan({ status })))).toEqual(['scheduled', 'running', 'paused']);
  });
});
