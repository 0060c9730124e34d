import type { RandomSource } from '../base/random.js';

/**
 * The waits after each failed attempt, in seconds: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h,
 * 4 h, 8 h. A delivery is tried ten times over about 16 hours before it counts as failed, long
 * enough to ride out a receiver's night-long outage.
 */
export const RETRY_DELAYS_SECONDS = [5, 30, 120, 600, 1_800, 3_600, 7_200, 14_400, 28_800] as const;

/** The attempts a delivery gets in all: the first and one after each wait. */
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/**
 * When the next attempt is due after `attempts` failed ones, or `undefined` when there is none
 * left. Each wait is spread ±20 % at random, so that the deliveries of one outage do not all
 * come back in the same second.
 *
 * @example
 * nextAttemptAt(1, now, random); // now + 4 to 6 seconds
 */
export function nextAttemptAt(attempts: number, now: Date, random: RandomSource): Date | undefined {
  const delay = RETRY_DELAYS_SECONDS[attempts - 1];
  if (delay === undefined) return undefined;
  const [byte = 128] = random(new Uint8Array(1));
  const spread = 0.8 + (0.4 * byte) / 255;
  return new Date(now.getTime() + Math.round(delay * 1000 * spread));
}
