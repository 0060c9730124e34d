import type { FlagConfigRecord } from '../store/store.js';

/**
 * The configuration a flag starts with in an environment: off, no rules.
 *
 * @example
 * await tx.putFlagConfig(defaultConfig('new-checkout', 'production', at));
 */
export function defaultConfig(flag: string, environment: string, at: string): FlagConfigRecord {
  return { flag, environment, enabled: false, rules: [], variants: [], prerequisites: [], version: 1, updatedAt: at };
}
