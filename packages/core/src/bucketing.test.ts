import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  positionOf,
  rolloutPosition,
  rolloutSalt,
  thresholdOf,
  variantIndex,
  variantSalt,
  VARIANT_SEED,
} from './bucketing';
import { murmur3 } from './hash/murmur3';
import { readTestData } from './test-support/test-data';

interface BucketingCase {
  salt: string;
  unit: string;
  input: string;
  hash: number;
  positionMilli: number;
  unleashBucket: number;
  variantHash: number;
  splits: { weights: number[]; index: number }[];
}

interface BucketingVectors {
  variantSeed: number;
  cases: BucketingCase[];
}

const vectors = readTestData('bucketing.json') as BucketingVectors;

function cumulativeOf(weights: number[]): number[] {
  const sums: number[] = [];
  let total = 0;
  for (const weight of weights) {
    if (weight === 0) continue;
    total += weight;
    sums.push(total);
  }
  return sums;
}

/** The vectors index all weights; variantIndex indexes the non-zero ones. */
function indexAmongAll(weights: number[], nonZeroIndex: number): number {
  let seen = -1;
  return weights.findIndex((weight) => weight > 0 && ++seen === nonZeroIndex);
}

describe('bucketing vectors', () => {
  it('uses the same variant seed as the vectors', () => {
    expect(VARIANT_SEED).toBe(vectors.variantSeed);
  });

  it.each(vectors.cases.map((c) => [c.input, c] as const))('%s', (_input, c) => {
    expect(`${c.salt}:${c.unit}`).toBe(c.input);
    expect(murmur3(c.input, 0)).toBe(c.hash);
    expect(positionOf(c.hash)).toBe(c.positionMilli);
    expect(rolloutPosition(rolloutSalt(c.salt), c.unit)).toBe(c.positionMilli);
    expect((c.hash % 100) + 1).toBe(c.unleashBucket);
    expect(murmur3(c.input, VARIANT_SEED)).toBe(c.variantHash);
    for (const split of c.splits) {
      const index = variantIndex(variantSalt(c.salt), c.unit, cumulativeOf(split.weights));
      expect(indexAmongAll(split.weights, index), `weights ${split.weights.join('/')}`).toBe(split.index);
    }
  });
});

describe('positionOf', () => {
  it('computes the model’s formula for every unsigned 32-bit hash', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        (hash) => positionOf(hash) === (hash % 100) * 1000 + (Math.floor(hash / 100) % 1000),
      ),
      { numRuns: 5_000 },
    );
    expect(positionOf(0xffffffff)).toBe((0xffffffff % 100) * 1000 + (Math.floor(0xffffffff / 100) % 1000));
  });
});

describe('thresholdOf', () => {
  it('admits a thousandth of a percent per position', () => {
    expect(thresholdOf(0)).toBe(0);
    expect(thresholdOf(0.001)).toBe(1);
    expect(thresholdOf(25.5)).toBe(25_500);
    expect(thresholdOf(0.291)).toBe(291);
    expect(thresholdOf(100)).toBe(100_000);
  });

  it('admits exactly the units Unleash admits at whole percentages', () => {
    for (const c of vectors.cases) {
      for (const percentage of [1, 5, 25, 50, 56, 74, 99]) {
        expect(c.positionMilli < thresholdOf(percentage), `${c.input} at ${percentage}%`).toBe(
          c.unleashBucket <= percentage,
        );
      }
    }
  });
});
