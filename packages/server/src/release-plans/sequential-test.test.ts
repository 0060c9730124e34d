import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RampartError } from '../base/errors.js';
import {
  createGuardState,
  HARM_MIXTURE,
  observe,
  parseGuardState,
  SAMPLE_RATIO_MIXTURE,
  type GuardBatch,
  type GuardOptions,
  type GuardResult,
  type GuardState,
} from './sequential-test.js';
import { createSeededRandom, sampleBinomial } from '@rampart/core/testing';

const OPTIONS: GuardOptions = { alpha: 0.05, minExposures: 500 };

/** A batch: [treatment exposures, treatment events], [control exposures, control events], the step's share. */
function batch(treatment: [number, number], control: [number, number], share: number): GuardBatch {
  return {
    treatment: { exposures: treatment[0], events: treatment[1] },
    control: { exposures: control[0], events: control[1] },
    expectedTreatmentShare: share,
  };
}

/** Every batch observed in turn from a fresh state; the result of each. */
function run(batches: readonly GuardBatch[], options: GuardOptions = OPTIONS): GuardResult[] {
  let state = createGuardState();
  return batches.map((b) => {
    const result = observe(state, b, options);
    state = result.state;
    return result;
  });
}

const last = (results: readonly GuardResult[]): GuardResult => {
  const result = results.at(-1);
  if (result === undefined) throw new Error('no batches');
  return result;
};

/** log Σ wₖ·LRₖ, computed as a plain sum of products (no logs until the end). */
const mixtureOf = (likelihoodRatio: (theta: number) => number): number =>
  Math.log(HARM_MIXTURE.reduce((sum, { logRatio, weight }) => sum + weight * likelihoodRatio(Math.exp(logRatio)), 0));

/** A simulated rollout: `perBatch` exposures a batch, split by the step's share, events at each arm's rate. */
function simulate(
  random: () => number,
  { ramp, batchesPerStep, perBatch, controlRate, treatmentRate, options }: Simulation,
): { harm: boolean; sampleRatioMismatch: boolean } {
  let state = createGuardState();
  for (const share of ramp) {
    for (let i = 0; i < batchesPerStep; i++) {
      const treatment = sampleBinomial(perBatch, share, random);
      const control = perBatch - treatment;
      const b = batch(
        [treatment, sampleBinomial(treatment, treatmentRate, random)],
        [control, sampleBinomial(control, controlRate, random)],
        share,
      );
      state = observe(state, b, options).state;
      if (state.harm) return { harm: true, sampleRatioMismatch: state.sampleRatioMismatch };
    }
  }
  return { harm: false, sampleRatioMismatch: state.sampleRatioMismatch };
}

interface Simulation {
  ramp: readonly number[];
  batchesPerStep: number;
  perBatch: number;
  controlRate: number;
  treatmentRate: number;
  options: GuardOptions;
}

describe('the guard state', () => {
  it('starts empty, as plain JSON, with no evidence either way', () => {
    const state = createGuardState();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state.harmLogRatios).toHaveLength(HARM_MIXTURE.length);
    expect(state.sampleRatioLogRatios).toHaveLength(SAMPLE_RATIO_MIXTURE.length);
    expect(state.harmLogRatios.every((value) => value === 0)).toBe(true);
  });

  it('mixes only rate ratios above 1 for harm, both directions for the sample ratio, with weights summing to 1', () => {
    expect(HARM_MIXTURE.every(({ logRatio }) => logRatio > 0)).toBe(true);
    expect(SAMPLE_RATIO_MIXTURE.some(({ logRatio }) => logRatio < 0)).toBe(true);
    expect(SAMPLE_RATIO_MIXTURE.some(({ logRatio }) => logRatio > 0)).toBe(true);
    for (const points of [HARM_MIXTURE, SAMPLE_RATIO_MIXTURE]) {
      expect(points.reduce((sum, { weight }) => sum + weight, 0)).toBeCloseTo(1, 12);
    }
  });

  it('survives a round trip through JSON between batches, and observe leaves the state it is given alone', () => {
    const first = observe(createGuardState(), batch([100, 3], [900, 9], 0.1), OPTIONS).state;
    const frozen = structuredClone(first);
    const direct = observe(first, batch([100, 4], [900, 8], 0.1), OPTIONS);
    const stored = observe(JSON.parse(JSON.stringify(first)), batch([100, 4], [900, 8], 0.1), OPTIONS);
    expect(first).toEqual(frozen);
    expect(stored).toEqual(direct);
  });

  it('refuses a state it did not make', () => {
    const state = createGuardState();
    for (const bad of [
      null,
      {},
      { ...state, version: 2 },
      { ...state, harmLogRatios: state.harmLogRatios.slice(1) },
      { ...state, sampleRatioLogRatios: state.sampleRatioLogRatios.map(() => NaN) },
      { ...state, exposures: { treatment: -1, control: 0 } },
      { ...state, harm: 'no' },
    ]) {
      expect(() => parseGuardState(bad)).toThrow(RampartError);
      expect(() => observe(bad as GuardState, batch([1, 0], [1, 0], 0.5), OPTIONS)).toThrow(
        /malformed or from another version/,
      );
    }
  });
});

describe('the figures of a decision, by hand', () => {
  it('sums the counts, the rates, the shares observed and assigned, and the threshold log(1/alpha)', () => {
    const results = run([batch([50, 1], [950, 9], 0.05), batch([100, 2], [900, 9], 0.1)]);
    const { figures, decision } = last(results);
    expect(decision).toBe('continue');
    expect(figures.batches).toBe(2);
    expect(figures.exposures).toEqual({ treatment: 150, control: 1850 });
    expect(figures.events).toEqual({ treatment: 3, control: 18 });
    expect(figures.rates).toEqual({ treatment: 0.02, control: 18 / 1850 });
    expect(figures.threshold).toBeCloseTo(Math.log(20), 12);
    expect(figures.minExposuresReached).toBe(false);
    // (0.05 × 1000 + 0.1 × 1000) / 2000
    expect(figures.sampleRatio.treatmentShare).toEqual({ observed: 0.075, expected: 0.075 });
    expect(figures.sampleRatio.threshold).toBeCloseTo(Math.log(1000), 12);
    expect(figures.sampleRatio.minExposuresReached).toBe(false);
  });

  it('has a statistic of exactly 0 while no event has happened', () => {
    const { figures } = last(run([batch([500, 0], [500, 0], 0.5), batch([100, 0], [900, 0], 0.1)]));
    expect(figures.statistic).toBeCloseTo(0, 12);
    expect(figures.rates).toEqual({ treatment: 0, control: 0 });
  });

  it('weighs 3 of 4 events in treatment at equal exposures as θ³ / ((θ + 1) / 2)⁴ at each rate ratio θ', () => {
    const { state, figures } = observe(createGuardState(), batch([1000, 3], [1000, 1], 0.5), OPTIONS);
    HARM_MIXTURE.forEach(({ logRatio }, i) => {
      const theta = Math.exp(logRatio);
      expect(state.harmLogRatios[i]).toBeCloseTo(Math.log(theta ** 3 / ((theta + 1) / 2) ** 4), 10);
    });
    expect(figures.statistic).toBeCloseTo(
      mixtureOf((theta) => theta ** 3 / ((theta + 1) / 2) ** 4),
      10,
    );
  });

  it("weighs each batch at that batch's own share of exposures", () => {
    // 2 of 3 events in treatment at a 10 % share, then 4 of 6 at 50 %.
    const { figures } = last(run([batch([100, 2], [900, 1], 0.1), batch([500, 4], [500, 2], 0.5)]));
    const expected = mixtureOf(
      (theta) => (theta ** 2 / (0.1 * theta + 0.9) ** 3) * (theta ** 4 / (0.5 * theta + 0.5) ** 6),
    );
    expect(figures.statistic).toBeCloseTo(expected, 10);
  });

  it("weighs events at the exposures' observed share, not the step's, which only the ratio check reads", () => {
    const counted = batch([50, 3], [950, 9], 0.05);
    const { figures: onShare } = observe(createGuardState(), counted, OPTIONS);
    const { figures: offShare } = observe(createGuardState(), { ...counted, expectedTreatmentShare: 0.1 }, OPTIONS);
    expect(offShare.statistic).toBe(onShare.statistic);
    expect(offShare.statistic).toBeCloseTo(
      mixtureOf((theta) => theta ** 3 / (0.05 * theta + 0.95) ** 12),
      10,
    );
    expect(offShare.sampleRatio.statistic).toBeGreaterThan(onShare.sampleRatio.statistic);
  });

  it('agrees with the ratio of binomial likelihoods of the batch, computed from scratch', () => {
    const logChoose = (n: number, k: number): number => {
      let sum = 0;
      for (let i = 1; i <= k; i++) sum += Math.log(n - k + i) - Math.log(i);
      return sum;
    };
    const logBinomial = (k: number, n: number, p: number): number =>
      logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p);
    const p = 200 / 1200;
    const { state } = observe(createGuardState(), batch([200, 7], [1000, 13], 1 / 6), OPTIONS);
    HARM_MIXTURE.forEach(({ logRatio }, i) => {
      const theta = Math.exp(logRatio);
      const treatmentChance = (theta * p) / (theta * p + 1 - p);
      expect(state.harmLogRatios[i]).toBeCloseTo(logBinomial(7, 20, treatmentChance) - logBinomial(7, 20, p), 9);
    });
  });

  it('never lets one event multiply the evidence by more than 1 / (treatment share)', () => {
    // 3 events, all in treatment, at equal exposures: at most 2³ = 8 < 20 = 1 / alpha.
    const { figures, decision } = observe(createGuardState(), batch([1000, 3], [1000, 0], 0.5), OPTIONS);
    expect(figures.statistic).toBeGreaterThan(0);
    expect(figures.statistic).toBeLessThan(Math.log(8));
    expect(decision).toBe('continue');
  });
});

describe('decisions', () => {
  it('decides nothing before each arm has minExposures, however clear the harm, and decides at once after', () => {
    // 20 % errors against none: overwhelming evidence from the first batch.
    const results = run(Array.from({ length: 6 }, () => batch([100, 20], [900, 0], 0.1)));
    expect(results.map((r) => r.decision)).toEqual(['continue', 'continue', 'continue', 'continue', 'harm', 'harm']);
    expect(results[0]?.figures.statistic).toBeGreaterThan(Math.log(20));
    expect(results[3]?.figures.minExposuresReached).toBe(false);
    expect(results[4]?.figures.exposures.treatment).toBe(500);
  });

  it('decides nothing before minExposures, for any counts (property)', () => {
    const arm = fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }));
    const anyBatch = fc
      .tuple(arm, arm)
      .map(([[tn, tx], [cn, cx]]) =>
        batch([tn, tn === 0 ? 0 : tx], [cn, cn === 0 ? 0 : cx], tn / Math.max(1, tn + cn)),
      );
    fc.assert(
      fc.property(fc.array(anyBatch, { maxLength: 4 }), (batches) => {
        // At most 4 × 120 = 480 exposures per arm: below 500.
        for (const result of run(batches)) expect(result.decision).toBe('continue');
      }),
    );
  });

  it('detects a clear harm, 5 % errors against 1 %, at modest traffic', () => {
    // A 10 % step at 1,000 exposures a batch: 100 treatment exposures with 5 errors, 900 control with 9.
    const results = run(Array.from({ length: 12 }, () => batch([100, 5], [900, 9], 0.1)));
    const first = results.findIndex((r) => r.decision === 'harm');
    expect(first).toBe(4); // as soon as treatment has 500 exposures
    expect(results[first]?.figures.statistic).toBeGreaterThan(results[first]?.figures.threshold ?? Infinity);
  });

  it('never decides harm when every batch shows treatment no worse than control (property)', () => {
    const betterOrEqual = fc
      .tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 400 }))
      .chain(([tn, cn, cx]) =>
        fc.integer({ min: 0, max: Math.floor((cx * tn) / cn) }).map((tx) => batch([tn, tx], [cn, cx], tn / (tn + cn))),
      );
    fc.assert(
      fc.property(fc.array(betterOrEqual, { minLength: 1, maxLength: 30 }), (batches) => {
        for (const result of run(batches, { alpha: 0.5, minExposures: 0 })) {
          expect(result.decision).not.toBe('harm');
          expect(result.figures.statistic).toBeLessThanOrEqual(1e-9);
        }
      }),
    );
  });

  it('does not treat a large improvement as harm', () => {
    // One treatment error a step against 50 in control: 2 %, 1 % and 0.2 % against 5.3 %, 5.6 % and 10 %.
    const results = run(
      [0.05, 0.1, 0.5].map((share) => batch([1000 * share, 1], [1000 * (1 - share), 50], share)),
      { alpha: 0.05, minExposures: 0 },
    );
    expect(results.map((r) => r.decision)).toEqual(['continue', 'continue', 'continue']);
    expect(last(results).figures.statistic).toBeLessThan(0);
  });

  it('gives the same evidence whatever the batching within a step, and whatever the order of batches', () => {
    const counts = fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 10 }));
    fc.assert(
      fc.property(counts, counts, fc.integer({ min: 1, max: 9 }), ([n, x1], [, x2], tenths) => {
        // One share for the step: each batch has `t` treatment and `c` control exposures.
        const c = n * (10 - tenths);
        const t = n * tenths;
        const a = batch([t, x1], [c, x2], tenths / 10);
        const b = batch([t, x2], [c, x1 + x2], tenths / 10);
        const whole = batch([2 * t, x1 + x2], [2 * c, x1 + 2 * x2], tenths / 10);
        const split = last(run([a, b])).figures.statistic;
        expect(last(run([whole])).figures.statistic).toBeCloseTo(split, 9);
        expect(last(run([b, a])).figures.statistic).toBeCloseTo(split, 9);
      }),
    );
  });

  it('learns nothing from a batch without control, so a plan at 100 % completes', () => {
    const ramp = run([batch([500, 5], [500, 5], 0.5), batch([1000, 50], [0, 0], 1)], { alpha: 0.05, minExposures: 0 });
    expect(ramp[1]?.figures.statistic).toBe(ramp[0]?.figures.statistic);
    expect(ramp[1]?.figures.sampleRatio.statistic).toBe(ramp[0]?.figures.sampleRatio.statistic);
    expect(ramp.map((r) => r.decision)).toEqual(['continue', 'continue']);
  });

  it('reports a sample-ratio mismatch when the treatment share is far from the step', () => {
    // The step assigns 10 %, the counts say 5 %; the error rates are equal.
    const results = run(Array.from({ length: 20 }, () => batch([50, 1], [950, 19], 0.1)));
    const first = results.findIndex((r) => r.decision === 'sample-ratio-mismatch');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(10);
    expect(results[first]?.figures.sampleRatio.treatmentShare).toEqual({ observed: 0.05, expected: 0.1 });
    expect(results.slice(first).every((r) => r.decision === 'sample-ratio-mismatch')).toBe(true);
  });

  it('catches a treatment arm that reports nothing, though it never reaches minExposures', () => {
    const results = run(Array.from({ length: 10 }, () => batch([0, 0], [1000, 10], 0.1)));
    expect(last(results).figures.minExposuresReached).toBe(false);
    expect(last(results).decision).toBe('sample-ratio-mismatch');
  });

  it('keeps a decision once taken, and reports harm over a mismatch', () => {
    const harmful = run([
      ...Array.from({ length: 5 }, () => batch([100, 20], [900, 0], 0.1)),
      ...Array.from({ length: 50 }, () => batch([100, 0], [900, 90], 0.1)),
    ]);
    expect(harmful.slice(4).every((r) => r.decision === 'harm')).toBe(true);
    expect(last(harmful).figures.statistic).toBeLessThan(0); // the evidence has since turned, the decision stands

    const both = run(Array.from({ length: 10 }, () => batch([50, 10], [950, 0], 0.1)));
    expect(last(both).state.sampleRatioMismatch).toBe(true);
    expect(last(both).decision).toBe('harm');
  });
});

describe('inputs', () => {
  const state = createGuardState();
  const refused = (b: unknown, path: string, options: GuardOptions = OPTIONS) => {
    let error: unknown;
    try {
      observe(state, b as GuardBatch, options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RampartError);
    expect((error as RampartError).code).toBe('validation_failed');
    expect((error as RampartError).details?.map((d) => d.path)).toContain(path);
  };

  it('refuses counts that are not non-negative safe integers', () => {
    for (const bad of [NaN, -1, 1.5, Infinity, 2 ** 53, '3', null]) {
      refused({ ...batch([10, 0], [10, 0], 0.5), treatment: { exposures: bad, events: 0 } }, 'treatment.exposures');
      refused({ ...batch([10, 0], [10, 0], 0.5), control: { exposures: 10, events: bad } }, 'control.events');
    }
    refused({ treatment: { exposures: 1, events: 0 }, expectedTreatmentShare: 0.5 }, 'control');
  });

  it('refuses a share outside 0 to 1, and NaN', () => {
    for (const bad of [NaN, -0.1, 1.1, '0.5', undefined])
      refused({ ...batch([1, 0], [1, 0], 0.5), expectedTreatmentShare: bad }, 'expectedTreatmentShare');
  });

  it('refuses events in an arm with no exposures in the batch', () => {
    refused(batch([0, 1], [10, 0], 0.5), 'treatment.events');
    refused(batch([10, 0], [0, 2], 0.5), 'control.events');
  });

  it('accepts more events than exposures (an event counted per call)', () => {
    const { figures } = observe(state, batch([10, 30], [10, 3], 0.5), OPTIONS);
    expect(figures.rates).toEqual({ treatment: 3, control: 0.3 });
  });

  it('refuses an alpha outside (0, 1) and a minExposures that is not a count', () => {
    const b = batch([1, 0], [1, 0], 0.5);
    for (const alpha of [0, 1, NaN, -0.05]) refused(b, 'alpha', { alpha, minExposures: 0 });
    refused(b, 'sampleRatioAlpha', { alpha: 0.05, minExposures: 0, sampleRatioAlpha: 2 });
    for (const minExposures of [-1, 0.5, NaN]) refused(b, 'minExposures', { alpha: 0.05, minExposures });
  });
});

describe('simulated rollouts', () => {
  // The ramp of the plan: 1 %, 5 %, 10 %, 50 %, each for 10 batches of 1,000 exposures, a look after every batch.
  const RAMP = [0.01, 0.05, 0.1, 0.5];
  const base = { ramp: RAMP, batchesPerStep: 10, perBatch: 1000, controlRate: 0.01 };

  it('kills at most alpha of healthy rollouts, monitored after every batch (1,000 rollouts)', () => {
    const runs = 1000;
    const alpha = 0.05;
    const random = createSeededRandom(0x5eed);
    const outcomes = Array.from({ length: runs }, () =>
      simulate(random, { ...base, treatmentRate: 0.01, options: { alpha, minExposures: 0 } }),
    );
    const falseKills = outcomes.filter((o) => o.harm).length / runs;
    const mismatches = outcomes.filter((o) => o.sampleRatioMismatch).length / runs;
    expect(falseKills).toBeLessThanOrEqual(alpha + 3 * Math.sqrt((alpha * (1 - alpha)) / runs));
    expect(mismatches).toBeLessThanOrEqual(0.001 + 3 * Math.sqrt((0.001 * 0.999) / runs));
  });

  it('keeps alpha with one unit failing all the time in treatment counted once per batch, not once per interval', () => {
    // 1,000 units an interval (5 s) at a 1 % error rate in both arms, a 5 % step then a 10 % step of
    // 10 minutes each, looked at every interval; one of treatment's units fails in every interval.
    const runs = 200;
    const alpha = 0.05;
    const options = { alpha, minExposures: 500 };
    const falseKills = (chronicEvents: (interval: number) => number): number => {
      const random = createSeededRandom(0xc0ffee);
      let kills = 0;
      for (let run = 0; run < runs; run++) {
        let state = createGuardState();
        plan: for (const share of [0.05, 0.1]) {
          for (let interval = 0; interval < 120; interval++) {
            const treatment = 1 + sampleBinomial(999, share, random);
            const control = 1000 - treatment;
            const b = batch(
              [treatment, sampleBinomial(treatment - 1, 0.01, random) + chronicEvents(interval)],
              [control, sampleBinomial(control, 0.01, random)],
              share,
            );
            state = observe(state, b, options).state;
            if (state.harm) break plan;
          }
        }
        if (state.harm) kills++;
      }
      return kills / runs;
    };
    const margin = alpha + 3 * Math.sqrt((alpha * (1 - alpha)) / runs);
    const oncePerBatch = falseKills((interval) => (interval === 0 ? 1 : 0));
    const oncePerInterval = falseKills(() => 1);
    // With this seed: 4.5 % of plans killed (2 % without the failing unit); counted per interval, 100 %.
    expect(oncePerBatch).toBeLessThanOrEqual(margin);
    expect(oncePerInterval).toBeGreaterThan(margin);
  });

  it('stops most rollouts that double the error rate, and nearly every one that triples it', () => {
    const runs = 200;
    const random = createSeededRandom(0xbad);
    const detected = (ratio: number): number =>
      Array.from({ length: runs }, () =>
        simulate(random, { ...base, treatmentRate: 0.01 * ratio, options: { alpha: 0.05, minExposures: 500 } }),
      ).filter((o) => o.harm).length / runs;
    expect(detected(2)).toBeGreaterThan(0.9);
    expect(detected(3)).toBeGreaterThan(0.97);
  });
});
