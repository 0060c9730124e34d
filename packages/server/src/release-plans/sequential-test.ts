/**
 * The statistics of a guarded rollout: after every batch of counts, is the treatment's rate of a guarded
 * event (errors, say) per exposure higher than the control's? Pure functions over a plain JSON state; the
 * caller persists the state between batches. `docs/releases-statistics.md` says the same for readers.
 *
 * **The arms.** Treatment: the contexts inside the rule's rollout. Control: the contexts the rule matches
 * but the rollout leaves out. Same population, same time, so the two differ only by the rollout.
 *
 * **The test: a conditional count test with a mixture over the rate ratio.** Model each arm's events in
 * a batch as Poisson with mean `rate × exposures`, and let θ = treatmentRate / controlRate. Given a batch's
 * exposures (nT, nC) and its total events m, the treatment's events are Binomial(m, π) with
 * π = θ·nT / (θ·nT + nC): the control's own rate cancels, so it may drift freely (daily cycles, an outage
 * elsewhere) without touching the test. This is the count-data test of Lindon & Malek ("Anytime-valid
 * inference for multinomial count data", 2022) in its Poisson-process form: each event falls in treatment
 * with the treatment's share of exposure at the time, here the batch's own observed share, so a ramp that
 * changes the share from step to step needs no special handling. For one alternative θ′ the batch's
 * likelihood ratio against θ = 1 is
 *
 *     LRᵢ(θ′) = θ′^xT / (p·θ′ + 1 − p)^m,   p = nT / (nT + nC),
 *
 * whose conditional mean is 1 when θ = 1 and below 1 when θ < 1 (it grows with π). The product over the
 * batches is therefore a non-negative supermartingale under "treatment is not worse", and so is any fixed
 * mixture of such products over θ′. Ville's inequality bounds the chance that the mixture ever reaches
 * 1/alpha by alpha, whenever and however often it is looked at, across every step of the plan: the
 * statistic is one process from the first batch to the last, not one test per step.
 *
 * **One-sided.** The mixture puts weight only on θ′ > 1: a half-normal on log θ′ (scale
 * {@link HARM_PRIOR_SCALE}), discretised on a geometric grid of ratios from 1.01 to about 18, each 5 % above the last.
 * A discrete mixture is a mixture like any other, so the bound above is exact, not an approximation; where
 * the evidence favours harm it is within 0.02 (in log evidence) of the continuous half-normal's. A batch in
 * which the treatment's rate is no higher than the control's (xT/m ≤ p) lowers every LRᵢ(θ′) (Jensen:
 * xT·log θ′ ≤ m·p·log θ′ ≤ m·log(pθ′ + 1 − p)), so improvement never builds evidence of harm.
 *
 * Why not the normal-approximation mixture SPRT of Johari, Pekelis & Walsh ("Peeking at A/B tests", 2017)
 * on the difference of rates: at a 1 % event rate and a 1 % step the treatment sees a handful of events,
 * where a normal approximation is poor, and it needs the variances estimated and a baseline that holds
 * still. Why not a Beta-binomial on the share within each step: the share changes at every step, so
 * evidence would restart (or alpha be split) at each; the rate ratio is the same parameter in every step.
 *
 * **Sample-ratio mismatch.** The same construction on exposures: if assignment works, each exposure falls in
 * treatment with the step's share s (`expectedTreatmentShare`), so nT ~ Binomial(nT + nC, s) and the batch's
 * likelihood ratio for odds ratio ψ is ψ^nT / (s·ψ + 1 − s)^(nT + nC). The mixture is two-sided (a normal on
 * log ψ of scale {@link SAMPLE_RATIO_PRIOR_SCALE}, on a grid symmetric about 0) with its own small alpha
 * (default 0.001). A mismatch means the counts are not what the plan assigned (an arm whose reports are lost,
 * a stale configuration, a bug in bucketing), so the caller should pause the plan and look.
 *
 * **Decisions.** None before each arm has `minExposures` exposures over the plan (for the ratio check, before
 * each arm should have had them, so an arm that reports nothing is still caught). Restricting the looks to
 * later times keeps the bound. A decision is kept: once `harm` or `sample-ratio-mismatch` is reported, it stays
 * in the state. When both hold, `harm` is reported (rolling back is the safer action; pausing would leave a
 * harmful treatment in place); the figures carry both. `alpha` must stay the same for the whole plan.
 *
 * **Inputs.** Counts are non-negative safe integers. Events may exceed exposures (an error counted per call),
 * since the model is a rate per exposure, not a proportion; but the test assumes events are independent given
 * the exposures, and a single context that fails a hundred times breaks that: count erroring units, at most
 * one per unit and batch, where you can. An arm with events but no exposures in a batch is refused: its events
 * belong to exposures counted in another batch, so merge the batch into the next.
 */
import { RampartError, validationFailed, type ErrorDetail } from '../base/errors.js';

/** One arm's counts in one batch. */
export interface ArmCounts {
  /** Exposures: the units (or evaluations) served this arm during the batch; the trials. */
  exposures: number;
  /** How many times the guarded event happened to this arm during the batch. */
  events: number;
}

/** The counts reported since the previous batch, and the share of exposures the step assigns to treatment. */
export interface GuardBatch {
  treatment: ArmCounts;
  control: ArmCounts;
  /** The step's rollout percentage / 100: the share of the rule's exposures that should be in treatment. */
  expectedTreatmentShare: number;
}

export interface GuardOptions {
  /** The chance, over the whole plan, of stopping for harm a treatment that is not worse than control. */
  alpha: number;
  /** No decision until each arm has had this many exposures over the plan. */
  minExposures: number;
  /** The sample-ratio check's own alpha (default {@link DEFAULT_SAMPLE_RATIO_ALPHA}). */
  sampleRatioAlpha?: number;
}

export type GuardDecision = 'continue' | 'harm' | 'sample-ratio-mismatch';

export interface ArmFigures<T> {
  treatment: T;
  control: T;
}

/** The guard's memory between batches: plain JSON, to be stored as it is and given back to {@link observe}. */
export interface GuardState {
  version: 1;
  batches: number;
  exposures: ArmFigures<number>;
  events: ArmFigures<number>;
  /** Σ expectedTreatmentShare × the batch's exposures: the treatment exposures the plan assigned. */
  expectedTreatmentExposures: number;
  /** The log likelihood ratio of the whole plan at each point of {@link HARM_MIXTURE}. */
  harmLogRatios: number[];
  /** The log likelihood ratio of the whole plan at each point of {@link SAMPLE_RATIO_MIXTURE}. */
  sampleRatioLogRatios: number[];
  /** Set for good once harm is decided. */
  harm: boolean;
  /** Set for good once a sample-ratio mismatch is decided. */
  sampleRatioMismatch: boolean;
}

/** What a decision rests on; every figure covers the plan so far. */
export interface GuardFigures {
  batches: number;
  exposures: ArmFigures<number>;
  events: ArmFigures<number>;
  /** Events per exposure; null while the arm has no exposures. Pooled over steps, so only a summary. */
  rates: ArmFigures<number | null>;
  /** log of the e-value for harm; harm is decided when it reaches `threshold`. */
  statistic: number;
  /** log(1 / alpha). */
  threshold: number;
  /** Whether each arm has had `minExposures` exposures, so a decision may be taken. */
  minExposuresReached: boolean;
  sampleRatio: {
    /** The treatment's share of exposures, observed and as the plan assigned it; null before any exposure. */
    treatmentShare: { observed: number | null; expected: number | null };
    /** log of the e-value for a mismatch; a mismatch is decided when it reaches `threshold`. */
    statistic: number;
    /** log(1 / sampleRatioAlpha). */
    threshold: number;
    /** Whether each arm should have had `minExposures` exposures by now. */
    minExposuresReached: boolean;
  };
}

export interface GuardResult {
  state: GuardState;
  decision: GuardDecision;
  figures: GuardFigures;
}

export const DEFAULT_SAMPLE_RATIO_ALPHA = 0.001;
/** The scale of the half-normal on log(rate ratio): most weight between a ratio of about 1.1 and 3. */
export const HARM_PRIOR_SCALE = 0.5;
/** The scale of the normal on log(odds ratio) of the treatment's share: most weight on mismatches of 1 % to 25 %. */
export const SAMPLE_RATIO_PRIOR_SCALE = 0.1;

/** One point of a discrete mixing distribution: an alternative (as a log ratio) and its weight. */
export interface MixturePoint {
  /** log θ′ (harm) or log ψ (sample ratio). */
  logRatio: number;
  weight: number;
}

/** |log ratio| from 0.01 up to 3 (2.87), each 5 % above the last. */
function geometricGrid(): number[] {
  const grid: number[] = [];
  for (let value = 0.01; value <= 3; value *= 1.05) grid.push(value);
  return grid;
}

/** A normal of `scale` on the grid's points: density × spacing (the spacing is proportional to the value). */
function mixture(logRatios: readonly number[], scale: number): readonly MixturePoint[] {
  const raw = logRatios.map((logRatio) => Math.abs(logRatio) * Math.exp(-(logRatio * logRatio) / (2 * scale * scale)));
  const total = raw.reduce((sum, weight) => sum + weight, 0);
  return Object.freeze(logRatios.map((logRatio, i) => Object.freeze({ logRatio, weight: (raw[i] ?? 0) / total })));
}

const GRID = geometricGrid();
/** The alternatives of the harm test: treatment's rate above control's, never below. */
export const HARM_MIXTURE = mixture(GRID, HARM_PRIOR_SCALE);
/** The alternatives of the sample-ratio check: a share too high or too low. */
export const SAMPLE_RATIO_MIXTURE = mixture(
  [...GRID.map((value) => -value).reverse(), ...GRID],
  SAMPLE_RATIO_PRIOR_SCALE,
);

interface PreparedPoint {
  logRatio: number;
  /** e^logRatio − 1, for log(p·e^logRatio + 1 − p) = log1p(p·growth). */
  growth: number;
  logWeight: number;
}

const prepare = (points: readonly MixturePoint[]): PreparedPoint[] =>
  points.map(({ logRatio, weight }) => ({ logRatio, growth: Math.expm1(logRatio), logWeight: Math.log(weight) }));
const HARM_POINTS = prepare(HARM_MIXTURE);
const SAMPLE_RATIO_POINTS = prepare(SAMPLE_RATIO_MIXTURE);

/** A guard for a plan that has seen nothing yet. */
export function createGuardState(): GuardState {
  return {
    version: 1,
    batches: 0,
    exposures: { treatment: 0, control: 0 },
    events: { treatment: 0, control: 0 },
    expectedTreatmentExposures: 0,
    harmLogRatios: HARM_POINTS.map(() => 0),
    sampleRatioLogRatios: SAMPLE_RATIO_POINTS.map(() => 0),
    harm: false,
    sampleRatioMismatch: false,
  };
}

/**
 * Adds one batch of counts to the plan's evidence and says what to do. Does not change `state`.
 *
 * @example
 * let guard = createGuardState();
 * const { state, decision, figures } = observe(
 *   guard,
 *   { treatment: { exposures: 52, events: 3 }, control: { exposures: 948, events: 9 }, expectedTreatmentShare: 0.05 },
 *   { alpha: 0.05, minExposures: 500 },
 * );
 * guard = state; // persist it; decision is 'continue' until each arm has 500 exposures
 */
export function observe(state: GuardState, batch: GuardBatch, options: GuardOptions): GuardResult {
  const previous = parseGuardState(state);
  const { alpha, minExposures, sampleRatioAlpha } = checkOptions(options);
  const { treatment, control, expectedTreatmentShare: share } = checkBatch(batch);

  const exposures = {
    treatment: previous.exposures.treatment + treatment.exposures,
    control: previous.exposures.control + control.exposures,
  };
  const events = {
    treatment: previous.events.treatment + treatment.events,
    control: previous.events.control + control.events,
  };
  if (![exposures.treatment, exposures.control, events.treatment, events.control].every(Number.isSafeInteger)) {
    throw validationFailed([{ path: '', message: "the plan's counts exceed Number.MAX_SAFE_INTEGER" }]);
  }
  const batchExposures = treatment.exposures + control.exposures;

  // Harm: the treatment's events out of the batch's events, against its share of the batch's exposures.
  // A batch with an empty arm says nothing about the ratio of the rates (every event is in the other arm).
  const harmLogRatios =
    treatment.exposures > 0 && control.exposures > 0
      ? accumulate(
          previous.harmLogRatios,
          HARM_POINTS,
          treatment.events,
          treatment.events + control.events,
          treatment.exposures / batchExposures,
        )
      : previous.harmLogRatios;
  // Sample ratio: the treatment's exposures out of the batch's, against the step's share. At 0 % or 100 %
  // there is no split to check.
  const sampleRatioLogRatios =
    share > 0 && share < 1 && batchExposures > 0
      ? accumulate(previous.sampleRatioLogRatios, SAMPLE_RATIO_POINTS, treatment.exposures, batchExposures, share)
      : previous.sampleRatioLogRatios;

  const statistic = logMixture(HARM_POINTS, harmLogRatios);
  const threshold = -Math.log(alpha);
  const minExposuresReached = exposures.treatment >= minExposures && exposures.control >= minExposures;
  const harm = previous.harm || (minExposuresReached && statistic >= threshold);

  const totalExposures = exposures.treatment + exposures.control;
  const expectedTreatmentExposures = previous.expectedTreatmentExposures + share * batchExposures;
  const sampleRatioStatistic = logMixture(SAMPLE_RATIO_POINTS, sampleRatioLogRatios);
  const sampleRatioThreshold = -Math.log(sampleRatioAlpha);
  const sampleRatioReached =
    expectedTreatmentExposures >= minExposures && totalExposures - expectedTreatmentExposures >= minExposures;
  const sampleRatioMismatch =
    previous.sampleRatioMismatch || (sampleRatioReached && sampleRatioStatistic >= sampleRatioThreshold);

  const next: GuardState = {
    version: 1,
    batches: previous.batches + 1,
    exposures,
    events,
    expectedTreatmentExposures,
    harmLogRatios,
    sampleRatioLogRatios,
    harm,
    sampleRatioMismatch,
  };
  return {
    state: next,
    decision: harm ? 'harm' : sampleRatioMismatch ? 'sample-ratio-mismatch' : 'continue',
    figures: {
      batches: next.batches,
      exposures: { ...exposures },
      events: { ...events },
      rates: {
        treatment: exposures.treatment > 0 ? events.treatment / exposures.treatment : null,
        control: exposures.control > 0 ? events.control / exposures.control : null,
      },
      statistic,
      threshold,
      minExposuresReached,
      sampleRatio: {
        treatmentShare: {
          observed: totalExposures > 0 ? exposures.treatment / totalExposures : null,
          expected: totalExposures > 0 ? expectedTreatmentExposures / totalExposures : null,
        },
        statistic: sampleRatioStatistic,
        threshold: sampleRatioThreshold,
        minExposuresReached: sampleRatioReached,
      },
    },
  };
}

/**
 * Adds one batch's log likelihood ratios: `successes` of `trials` against a success chance `share` under the
 * null, at each alternative odds ratio e^logRatio (success chance share·e^r / (share·e^r + 1 − share)).
 */
function accumulate(
  logRatios: readonly number[],
  points: readonly PreparedPoint[],
  successes: number,
  trials: number,
  share: number,
): number[] {
  if (trials === 0) return [...logRatios];
  return points.map(
    (point, i) => (logRatios[i] ?? 0) + successes * point.logRatio - trials * Math.log1p(share * point.growth),
  );
}

/** log Σ weight·e^logRatio, without overflow. */
function logMixture(points: readonly PreparedPoint[], logRatios: readonly number[]): number {
  let max = -Infinity;
  points.forEach((point, i) => (max = Math.max(max, point.logWeight + (logRatios[i] ?? 0))));
  let sum = 0;
  points.forEach((point, i) => (sum += Math.exp(point.logWeight + (logRatios[i] ?? 0) - max)));
  return max + Math.log(sum);
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkBatch(batch: unknown): GuardBatch {
  const details: ErrorDetail[] = [];
  const arms: Partial<Record<'treatment' | 'control', ArmCounts>> = {};
  const record = isRecord(batch) ? batch : {};
  if (!isRecord(batch)) details.push({ path: '', message: 'a batch is an object' });
  for (const arm of ['treatment', 'control'] as const) {
    const counts = record[arm];
    if (!isRecord(counts)) {
      details.push({ path: arm, message: 'expected { exposures, events }' });
      continue;
    }
    const { exposures, events } = counts;
    if (!isCount(exposures)) details.push({ path: `${arm}.exposures`, message: 'expected a non-negative integer' });
    if (!isCount(events)) details.push({ path: `${arm}.events`, message: 'expected a non-negative integer' });
    if (!isCount(exposures) || !isCount(events)) continue;
    if (exposures === 0 && events > 0) {
      details.push({
        path: `${arm}.events`,
        message: 'events in an arm with no exposures in the batch; merge the batch into the next',
      });
    }
    arms[arm] = { exposures, events };
  }
  const share = record.expectedTreatmentShare;
  if (typeof share !== 'number' || !(share >= 0 && share <= 1)) {
    details.push({ path: 'expectedTreatmentShare', message: 'expected a number from 0 to 1' });
  }
  if (details.length > 0 || arms.treatment === undefined || arms.control === undefined) throw validationFailed(details);
  return { treatment: arms.treatment, control: arms.control, expectedTreatmentShare: share as number };
}

function checkOptions(options: GuardOptions): Required<GuardOptions> {
  const details: ErrorDetail[] = [];
  const { alpha, minExposures, sampleRatioAlpha = DEFAULT_SAMPLE_RATIO_ALPHA } = options;
  const isProbability = (value: unknown): boolean => typeof value === 'number' && value > 0 && value < 1;
  if (!isProbability(alpha)) details.push({ path: 'alpha', message: 'expected a number between 0 and 1' });
  if (!isProbability(sampleRatioAlpha)) {
    details.push({ path: 'sampleRatioAlpha', message: 'expected a number between 0 and 1' });
  }
  if (!isCount(minExposures)) details.push({ path: 'minExposures', message: 'expected a non-negative integer' });
  if (details.length > 0) throw validationFailed(details);
  return { alpha, minExposures, sampleRatioAlpha };
}

/**
 * Checks a state read back from storage and returns it; throws an internal error when it is not one that
 * {@link createGuardState} or {@link observe} made (another version, or an altered one).
 */
export function parseGuardState(value: unknown): GuardState {
  const isArmCounts = (arms: unknown): arms is ArmFigures<number> =>
    isRecord(arms) && isCount(arms.treatment) && isCount(arms.control);
  const isLogRatios = (ratios: unknown, length: number): ratios is number[] =>
    Array.isArray(ratios) && ratios.length === length && ratios.every(Number.isFinite);
  if (
    !isRecord(value) ||
    value.version !== 1 ||
    !isCount(value.batches) ||
    !isArmCounts(value.exposures) ||
    !isArmCounts(value.events) ||
    typeof value.expectedTreatmentExposures !== 'number' ||
    !(Number.isFinite(value.expectedTreatmentExposures) && value.expectedTreatmentExposures >= 0) ||
    !isLogRatios(value.harmLogRatios, HARM_POINTS.length) ||
    !isLogRatios(value.sampleRatioLogRatios, SAMPLE_RATIO_POINTS.length) ||
    typeof value.harm !== 'boolean' ||
    typeof value.sampleRatioMismatch !== 'boolean'
  ) {
    throw new RampartError('internal', 'the guard state is malformed or from another version');
  }
  return {
    version: 1,
    batches: value.batches,
    exposures: { treatment: value.exposures.treatment, control: value.exposures.control },
    events: { treatment: value.events.treatment, control: value.events.control },
    expectedTreatmentExposures: value.expectedTreatmentExposures,
    harmLogRatios: [...value.harmLogRatios],
    sampleRatioLogRatios: [...value.sampleRatioLogRatios],
    harm: value.harm,
    sampleRatioMismatch: value.sampleRatioMismatch,
  };
}
