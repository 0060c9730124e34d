import { hashWithPrefix, prepareHash, type HashPrefix } from './hash/murmur3';

/** The seed of the variant hash, the same as Unleash's so that migrated users keep their variant. */
export const VARIANT_SEED = 86028157;

/** Positions run from 0 to 99 999: a thousandth of a percent each. */
export const POSITIONS = 100_000;

/**
 * Where a hashed unit stands, from 0 to 99 999. The first two digits are `h % 100`, so for whole
 * percentages the admitted set is exactly Unleash's (`h % 100 + 1 <= p`); the last three refine
 * it to 0.001 % steps without changing who is in at whole percentages.
 *
 * @example
 * positionOf(563728755); // 55287
 */
export function positionOf(hash: number): number {
  // `>>> 0` keeps every step a uint32 for V8, so it divides as integers instead of calling
  // fmod on doubles (which costs more than the rest of the bucketing). Same values as
  // `(hash % 100) * 1000 + Math.floor(hash / 100) % 1000` for every uint32.
  const h = hash >>> 0;
  return (h % 100) * 1000 + (((h / 100) >>> 0) % 1000);
}

/** The number of positions a percentage admits: `round(percentage * 1000)`. */
export function thresholdOf(percentage: number): number {
  return Math.round(percentage * 1000);
}

/** The rollout hash state after `salt + ":"`, prepared once per rule. */
export function rolloutSalt(salt: string): HashPrefix {
  return prepareHash(`${salt}:`, 0);
}

/** The variant hash state after `salt + ":"`, prepared once per variant list. */
export function variantSalt(salt: string): HashPrefix {
  return prepareHash(`${salt}:`, VARIANT_SEED);
}

/**
 * The position of `unit` under a salt prepared by {@link rolloutSalt}.
 *
 * @example
 * rolloutPosition(rolloutSalt('new-checkout'), '1'); // 55287
 */
export function rolloutPosition(salt: HashPrefix, unit: string): number {
  return positionOf(hashWithPrefix(salt, unit));
}

/**
 * The index into `cumulative` (running sums of the non-zero weights) that the variant hash of
 * `unit` selects: the first whose running sum reaches `hash % total + 1`.
 *
 * @example
 * variantIndex(variantSalt('new-checkout'), '1', [50, 100]); // 0
 */
export function variantIndex(salt: HashPrefix, unit: string, cumulative: readonly number[]): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = ((hashWithPrefix(salt, unit) >>> 0) % (total >>> 0)) + 1;
  let index = 0;
  while ((cumulative[index] ?? total) < target) index++;
  return index;
}
