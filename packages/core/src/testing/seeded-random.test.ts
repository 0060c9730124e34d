import { describe, expect, it } from 'vitest';
import { createSeededRandom, sampleBinomial } from './seeded-random';

describe('createSeededRandom', () => {
  it('repeats its sequence for a seed, differs between seeds, and stays in [0, 1)', () => {
    const first = Array.from({ length: 1000 }, createSeededRandom(7));
    expect(Array.from({ length: 1000 }, createSeededRandom(7))).toEqual(first);
    expect(Array.from({ length: 1000 }, createSeededRandom(8))).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    // Roughly uniform: each tenth of the range gets about a tenth of the values.
    const tenths = new Array<number>(10).fill(0);
    for (const value of first) {
      const tenth = Math.floor(value * 10);
      tenths[tenth] = (tenths[tenth] ?? 0) + 1;
    }
    expect(Math.min(...tenths)).toBeGreaterThan(60);
    expect(Math.max(...tenths)).toBeLessThan(140);
  });

  it('gives mulberry32’s published first value for seed 0', () => {
    expect(createSeededRandom(0)()).toBeCloseTo(0.26642920868471265, 15);
  });

  it('draws binomial counts with the right mean, in range, exactly and by the normal approximation', () => {
    const random = createSeededRandom(3);
    for (const [n, p] of [
      [1_000, 0.01],
      [200, 0.7],
      [10_000_000, 0.05],
    ] as const) {
      const draws = Array.from({ length: 400 }, () => sampleBinomial(n, p, random));
      expect(draws.every((k) => Number.isInteger(k) && k >= 0 && k <= n)).toBe(true);
      const mean = draws.reduce((sum, k) => sum + k, 0) / draws.length;
      // Within five standard errors of n·p.
      expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt((n * p * (1 - p)) / draws.length));
    }
    expect(sampleBinomial(0, 0.3, random)).toBe(0);
    expect(sampleBinomial(50, 0, random)).toBe(0);
    expect(sampleBinomial(50, 1, random)).toBe(50);
  });
});
