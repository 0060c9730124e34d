import { stableJson } from '../base/stable-json.js';
import { isEveryoneRule } from '../flag-configs/index.js';
import type {
  FlagConfigRecord,
  ReleaseGuardProgress,
  ReleaseObserved,
  ReleasePlanRecord,
  ReleaseStatus,
} from '../store/store.js';
import type { GuardFiguresView, PlanView } from './plan-schemas.js';

/** Statuses in which a plan still moves, or may again: at most one such plan per flag and environment. */
const ACTIVE: readonly ReleaseStatus[] = ['scheduled', 'running', 'paused'];
/** Statuses in which a plan's next step has a time. */
const MOVING: readonly ReleaseStatus[] = ['scheduled', 'running'];

export const isActive = (plan: ReleasePlanRecord): boolean => ACTIVE.includes(plan.status);
export const isMoving = (plan: ReleasePlanRecord): boolean => MOVING.includes(plan.status);

/** The actor of the changes a plan makes itself, in the audit log. */
export const releaseActor = (id: string): string => `release:${id}`;

/**
 * Whether the plan's next step is due at `at`: it is scheduled or running, has a step left,
 * and that step's time has come.
 *
 * @example
 * isDue(plan, change.at);
 */
export function isDue(plan: ReleasePlanRecord, at: string): boolean {
  return isMoving(plan) && plan.stepsApplied < plan.steps.length && plan.nextAt !== null && plan.nextAt <= at;
}

/**
 * What the plan controls in `config`: the on/off state and its rule; before the plan has a
 * rule, the "everyone" rules (one of which the first step will move, or add when none).
 *
 * @example
 * const observed = observeConfig(config, plan.ruleId);
 */
export function observeConfig(config: FlagConfigRecord, ruleId: string | null): ReleaseObserved {
  const rules = config.rules.filter((rule) => (ruleId === null ? isEveryoneRule(rule) : rule.id === ruleId));
  return { enabled: config.enabled, rules };
}

/**
 * What someone else changed of what the plan controls since it last looked, in words, or
 * `undefined` when nothing did.
 *
 * @example
 * driftOf(plan, config); // 'the flag was turned off'
 */
export function driftOf(plan: ReleasePlanRecord, config: FlagConfigRecord): string | undefined {
  const now = observeConfig(config, plan.ruleId);
  if (now.enabled !== plan.observed.enabled) return now.enabled ? 'the flag was turned on' : 'the flag was turned off';
  if (stableJson(now.rules) === stableJson(plan.observed.rules)) return undefined;
  if (plan.ruleId === null) return 'a rule for everyone was added, changed or removed';
  return now.rules.length === 0
    ? `the plan's rule '${plan.ruleId}' was removed`
    : `the plan's rule '${plan.ruleId}' was changed`;
}

/**
 * `at` plus `seconds`, as ISO 8601.
 *
 * @example
 * later('2030-01-01T00:00:00.000Z', 600); // '2030-01-01T00:10:00.000Z'
 */
export function later(at: string, seconds: number): string {
  return new Date(Date.parse(at) + seconds * 1000).toISOString();
}

/**
 * The plan as the API shows it.
 *
 * @example
 * c.json(planView(plan), 200);
 */
export function planView(plan: ReleasePlanRecord): PlanView {
  return {
    id: plan.id,
    flag: plan.flag,
    environment: plan.environment,
    ruleId: plan.ruleId,
    status: plan.status,
    steps: plan.steps,
    currentStep: plan.stepsApplied === 0 ? null : plan.stepsApplied - 1,
    nextStepAt: plan.nextAt,
    startAt: plan.startAt,
    pausedReason: plan.pausedReason,
    guard: plan.guard === null ? null : { ...plan.guard, ...guardReadings(plan.guardProgress) },
    createdBy: plan.createdBy,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}

const DECISIONS = ['continue', 'harm', 'sample-ratio-mismatch'] as const;

/** The figures and decision a plan's guard stored, as the API shows them; nulls before any. */
function guardReadings(progress: ReleaseGuardProgress | null): {
  figures: GuardFiguresView | null;
  decision: (typeof DECISIONS)[number] | null;
} {
  const figures = progress?.figures;
  const decision = DECISIONS.find((candidate) => candidate === progress?.decision) ?? null;
  // Only the guard writes them (guard-flush.ts), from sequential-test.ts's figures.
  const isFigures = typeof figures === 'object' && figures !== null && !Array.isArray(figures);
  return { figures: isFigures ? (figures as unknown as GuardFiguresView) : null, decision };
}
