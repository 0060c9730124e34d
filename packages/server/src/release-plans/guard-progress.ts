import { toJsonValue } from '../model/json-value.js';
import type { ReleaseGuard, ReleaseGuardProgress } from '../store/store.js';
import {
  createGuardState,
  observe,
  parseGuardState,
  type ArmCounts,
  type ArmFigures,
  type GuardDecision,
  type GuardFigures,
} from './sequential-test.js';

/** One batch's counts for both arms. */
export type BatchCounts = ArmFigures<ArmCounts>;

/** A plan's guard after one more batch: what to store, and the decision to act on, if any. */
export interface GuardStep {
  progress: ReleaseGuardProgress;
  decision: GuardDecision;
  figures: GuardFigures;
  /** The decision to act on now: a `harm` or `sample-ratio-mismatch` not acted on before. */
  act: Exclude<GuardDecision, 'continue'> | undefined;
}

/**
 * Weighs one batch of counts against the plan's guard state, carried in `progress` from the
 * plan's first batch to its last (one test over the whole plan: a fresh state part way
 * through would spend `alpha` again). `share` is the treatment's share of the rule's contexts
 * in the batch: the rule's rollout percentage / 100. A decision is acted on once: when a
 * person resumes a plan the guard paused, the guard goes on measuring but does not pause it
 * again for the same decision.
 *
 * @example
 * const step = weighBatch(plan.guard, plan.guardProgress, { treatment: { exposures: 500, events: 25 }, control: { exposures: 9500, events: 95 } }, 0.05);
 * step.act; // 'harm' once the evidence reaches 1 / alpha
 */
export function weighBatch(
  guard: ReleaseGuard,
  progress: ReleaseGuardProgress | null,
  counts: BatchCounts,
  share: number,
): GuardStep {
  const state = progress === null ? createGuardState() : parseGuardState(progress.state);
  const result = observe(
    state,
    { treatment: counts.treatment, control: counts.control, expectedTreatmentShare: share },
    { alpha: guard.alpha, minExposures: guard.minExposures },
  );
  const acted = progress?.acted ?? [];
  const act = result.decision !== 'continue' && !acted.includes(result.decision) ? result.decision : undefined;
  return {
    progress: {
      state: toJsonValue(result.state) ?? null,
      figures: toJsonValue(result.figures) ?? null,
      decision: result.decision,
      acted: act === undefined ? acted : [...acted, act],
    },
    decision: result.decision,
    figures: result.figures,
    act,
  };
}

const percent = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(2)} %`);
const decimal = (value: number): string => value.toFixed(2);

/**
 * Why the guard stopped the plan, with the figures it rests on, for the plan's
 * `pausedReason` and the audit entry.
 *
 * @example
 * guardReason(guard, 'harm', figures);
 * // "guard 'checkout-error': the release raises the event's rate: treatment 5.00 % (25 events in 500 exposures), control 1.00 % (95 in 9500); statistic 4.12 reached the threshold 3.00 (alpha 0.05)"
 */
export function guardReason(
  guard: ReleaseGuard,
  decision: Exclude<GuardDecision, 'continue'>,
  figures: GuardFigures,
): string {
  const { exposures, events, rates } = figures;
  if (decision === 'harm') {
    return (
      `guard '${guard.event}': the release raises the event's rate: ` +
      `treatment ${percent(rates.treatment)} (${events.treatment} events in ${exposures.treatment} exposures), ` +
      `control ${percent(rates.control)} (${events.control} in ${exposures.control}); ` +
      `statistic ${decimal(figures.statistic)} reached the threshold ${decimal(figures.threshold)} (alpha ${guard.alpha})`
    );
  }
  const { treatmentShare, statistic, threshold } = figures.sampleRatio;
  return (
    `guard '${guard.event}': attribution is broken (sample-ratio mismatch): ` +
    `the treatment had ${percent(treatmentShare.observed)} of ${exposures.treatment + exposures.control} exposures ` +
    `where the steps assigned ${percent(treatmentShare.expected)}; ` +
    `statistic ${decimal(statistic)} reached the threshold ${decimal(threshold)}; ` +
    'the counts cannot be trusted until someone finds out why (SDKs on an old configuration, lost reports, bucketing)'
  );
}
