/**
 * The three flags every engine is configured with, described once so that each engine's
 * configuration is derived from the same figures (see README.md for each engine's shape).
 */

export const FLAG_KEYS = ['simple', 'rollout25', 'targeted'] as const;
export type FlagKey = (typeof FLAG_KEYS)[number];

/** `rollout25`: the share of users, by `userId`, that gets the flag. */
export const ROLLOUT_PERCENTAGE = 25;

/** `targeted`, rule 1: everyone whose email ends with this suffix. */
export const STAFF_EMAIL_SUFFIX = '@example.com';

/** `targeted`, rule 2: users in these countries, then a rollout by `userId`. */
export const TARGET_COUNTRIES = ['US', 'CA', 'GB', 'IE', 'FR', 'DE', 'NL', 'SE', 'AU', 'NZ'] as const;
export const TARGET_ROLLOUT_PERCENTAGE = 50;

/** Countries outside the target list; contexts draw from both lists evenly. */
export const OTHER_COUNTRIES = ['BR', 'MX', 'AR', 'IN', 'JP', 'KR', 'ZA', 'NG', 'ES', 'IT'] as const;

export function isFlagKey(value: string): value is FlagKey {
  return FLAG_KEYS.some((key) => key === value);
}
