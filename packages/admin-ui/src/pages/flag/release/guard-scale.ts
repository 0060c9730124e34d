import type { Schemas } from '../../../api.js';

type Figures = Schemas['ReleaseGuardFigures'];

export interface RateBar {
  arm: 'treatment' | 'control';
  /** Events per exposure; null before the arm's first exposure. */
  rate: number | null;
  events: number;
  exposures: number;
  /** The bar's length, from 0 to `maxLength`: the higher rate fills it. */
  length: number;
}

/**
 * The two arms' event rates as bars on one scale, the higher rate the full length.
 *
 * @example
 * rateBars(figures, 200).map((bar) => bar.length); // [200, 98.4]
 */
export function rateBars(figures: Figures, maxLength: number): RateBar[] {
  const arms = ['treatment', 'control'] as const;
  const top = Math.max(...arms.map((arm) => figures.rates[arm] ?? 0));
  return arms.map((arm) => {
    const rate = figures.rates[arm];
    return {
      arm,
      rate,
      events: figures.events[arm],
      exposures: figures.exposures[arm],
      length: top > 0 && rate !== null ? (rate / top) * maxLength : 0,
    };
  });
}

/** Positions on a gauge of `length`, from its left end. */
export interface Gauge {
  /** Where 0 (no evidence either way) is. */
  zero: number;
  /** Where the statistic is; at 0 when it is off the scale to the left. */
  value: number;
  threshold: number;
  /** The statistic is further below 0 than the scale shows (strong evidence against harm). */
  clipped: boolean;
}

/**
 * The harm statistic (log E) on a scale that always shows 0 and the threshold with room past
 * it, and stretches to a statistic beyond. Evidence against harm can fall without bound, so
 * below 0 the scale stops at minus the threshold and says it clipped.
 *
 * @example
 * evidenceGauge(1.5, 3, 100); // { zero: 0, value: 41.7, threshold: 83.3, clipped: false }
 */
export function evidenceGauge(statistic: number, threshold: number, length: number): Gauge {
  const reach = Math.max(threshold, Number.EPSILON);
  const high = Math.max(reach * 1.2, statistic);
  const low = Math.min(0, Math.max(statistic, -reach));
  const at = (x: number) => ((x - low) / (high - low)) * length;
  return { zero: at(0), value: at(Math.max(statistic, low)), threshold: at(reach), clipped: statistic < low };
}

const percent = new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('en');

/**
 * A rate as a percentage to two places; a dash before any exposure.
 *
 * @example
 * formatRate(0.020871); // '2.09%'
 */
export const formatRate = (rate: number | null): string => (rate === null ? '–' : percent.format(rate));

/** A count with thousands separators: `14,898`. */
export const formatCount = (value: number): string => count.format(value);
