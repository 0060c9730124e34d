import type { Schemas } from '../../../api.js';

type Plan = Schemas['ReleasePlan'];

/**
 * Where a step stands: `applied` before the current one; `current` while the plan is running
 * or paused; `next` the one the plan applies next; `waiting` the later ones; `skipped` those an
 * aborted or killed plan never reached.
 */
export type StepState = 'applied' | 'current' | 'next' | 'waiting' | 'skipped';

export interface TimelineStep {
  /** From 1, as people count steps. */
  number: number;
  percentage: number;
  holdSeconds: number | undefined;
  state: StepState;
  appliedAt: string | undefined;
  /** The step an aborted or killed plan stopped at: its hold was cut short. */
  cutShort: boolean;
  /** When the next step is due; only on the `next` step of a scheduled or running plan. */
  dueAt: string | undefined;
}

const UNDER_WAY: ReadonlySet<Plan['status']> = new Set(['scheduled', 'running', 'paused']);

/**
 * A plan's steps for its timeline. No step is current once the plan has finished: a completed
 * plan is at its last step for good, an aborted or killed one is no longer moving.
 *
 * @example
 * buildTimeline(plan).map((step) => step.state); // ['applied', 'current', 'next', 'waiting']
 */
export function buildTimeline(plan: Plan): TimelineStep[] {
  const current = plan.currentStep ?? -1;
  const underWay = UNDER_WAY.has(plan.status);
  return plan.steps.map((step, index) => {
    let state: StepState;
    if (index < current) state = 'applied';
    else if (index === current) state = underWay ? 'current' : 'applied';
    else if (!underWay) state = 'skipped';
    else state = index === current + 1 ? 'next' : 'waiting';
    const due = state === 'next' && plan.status !== 'paused' && plan.nextStepAt !== null ? plan.nextStepAt : undefined;
    return {
      number: index + 1,
      percentage: step.percentage,
      holdSeconds: step.holdSeconds,
      state,
      appliedAt: step.appliedAt,
      cutShort: index === current && (plan.status === 'aborted' || plan.status === 'killed'),
      dueAt: due,
    };
  });
}

/** Whether a plan is scheduled, running or paused: one a person can still act on. */
export const isUnderWay = (plan: Plan): boolean => UNDER_WAY.has(plan.status);
