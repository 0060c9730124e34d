import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random';

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
});
