import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DistinctUnits, EXACT_UNITS } from './distinct-units.js';

const unit = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0x80000000, 0xffffffff));

/** `count` distinct units, as a seeded generator gives them (the hashes of distinct ids are as good as random). */
function distinct(count: number, seed = 1): number[] {
  const units = new Set<number>();
  let state = seed;
  while (units.size < count) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    units.add(Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0);
  }
  return [...units];
}

describe('DistinctUnits', () => {
  it(`counts exactly up to ${EXACT_UNITS} distinct units, however often each comes`, () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 3 * EXACT_UNITS }), (units) => {
        const counter = new DistinctUnits();
        for (const u of units) counter.add(u);
        const exact = new Set(units).size;
        if (exact <= EXACT_UNITS) expect(counter.count()).toBe(exact);
        else expect(Math.abs(counter.count() - exact)).toBeLessThanOrEqual(Math.ceil(exact * 0.005));
      }),
      { numRuns: 300 },
    );
  });

  it.each([EXACT_UNITS + 1, 10_000, 100_000, 1_000_000])(
    'estimates %i distinct units within 0.5 %, each given five times',
    (count) => {
      const units = distinct(count);
      const counter = new DistinctUnits();
      for (let round = 0; round < 5; round++) for (const u of units) counter.add(u);
      expect(Math.abs(counter.count() - count) / count).toBeLessThan(0.005);
    },
  );

  it('estimates the units of one arm, whose low bits are alike, as well', () => {
    // At 1 %, a rollout lets in the units whose hash is a multiple of 100.
    const units = distinct(50_000).map((u) => u - (u % 100));
    const counter = new DistinctUnits();
    for (const u of units) counter.add(u);
    const exact = new Set(units).size;
    expect(Math.abs(counter.count() - exact) / exact).toBeLessThan(0.005);
  });

  it('starts each interval from nothing, exact again', () => {
    const counter = new DistinctUnits();
    for (const u of distinct(5_000)) counter.add(u);
    counter.clear();
    expect(counter.count()).toBe(0);
    for (const u of [0, 7, 7, 8]) counter.add(u);
    expect(counter.count()).toBe(3);
    for (const u of distinct(20_000, 2)) counter.add(u);
    counter.clear();
    counter.add(9);
    expect(counter.count()).toBe(1);
  });
});
