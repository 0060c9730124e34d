import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../../api.js';
import { evidenceGauge, formatCount, formatRate, rateBars } from './guard-scale.js';

const figures = (rates: Schemas['ReleaseGuardFigures']['rates']): Schemas['ReleaseGuardFigures'] => ({
  batches: 16,
  exposures: { treatment: 1102, control: 14898 },
  events: { treatment: 23, control: 153 },
  rates,
  statistic: 3.08,
  threshold: 3,
  minExposuresReached: true,
  sampleRatio: {
    treatmentShare: { observed: 0.068875, expected: 0.06875 },
    statistic: -1.4,
    threshold: 6.9,
    minExposuresReached: true,
  },
});

describe('rateBars', () => {
  it('gives the higher rate the full length and the other its share', () => {
    const bars = rateBars(figures({ treatment: 0.02, control: 0.01 }), 200);
    expect(bars).toEqual([
      { arm: 'treatment', rate: 0.02, events: 23, exposures: 1102, length: 200 },
      { arm: 'control', rate: 0.01, events: 153, exposures: 14898, length: 100 },
    ]);
  });

  it('draws no bar for an arm without exposures, nor for rates of zero', () => {
    expect(rateBars(figures({ treatment: null, control: 0.01 }), 200).map((bar) => bar.length)).toEqual([0, 200]);
    expect(rateBars(figures({ treatment: 0, control: 0 }), 200).map((bar) => bar.length)).toEqual([0, 0]);
  });
});

describe('evidenceGauge', () => {
  it('shows 0 and the threshold with room past it', () => {
    const gauge = evidenceGauge(1.5, 3, 120);
    expect(gauge.zero).toBe(0);
    expect(gauge.value).toBeCloseTo(50);
    expect(gauge.threshold).toBeCloseTo(100);
    expect(gauge.clipped).toBe(false);
  });

  it('stretches to a statistic past the threshold', () => {
    const gauge = evidenceGauge(6, 3, 120);
    expect(gauge.value).toBe(120);
    expect(gauge.threshold).toBeCloseTo(60);
  });

  it('puts evidence against harm left of 0, clipped at minus the threshold', () => {
    const near = evidenceGauge(-1, 3, 100);
    expect(near.value).toBe(0);
    expect(near.zero).toBeCloseTo(100 / 4.6);
    expect(near.clipped).toBe(false);
    const far = evidenceGauge(-40, 3, 100);
    expect(far.value).toBe(0);
    expect(far.zero).toBeCloseTo((3 / 6.6) * 100);
    expect(far.clipped).toBe(true);
  });
});

describe('formatRate and formatCount', () => {
  it('write rates as percentages and counts with separators', () => {
    expect(formatRate(0.020871143375680582)).toBe('2.09%');
    expect(formatRate(null)).toBe('–');
    expect(formatCount(14898)).toBe('14,898');
  });
});
