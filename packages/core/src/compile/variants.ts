import { variantSalt } from '../bucketing';
import type { HashPrefix } from '../hash/murmur3';
import type { FlagValue } from '../model';
import { isJsonValue, isRecord, listOf, stringsOf } from './shape';

export interface CompiledVariant {
  key: string;
  value: FlagValue | undefined;
}

export interface CompiledOverride {
  attribute: string;
  members: ReadonlySet<string>;
  variant: CompiledVariant;
}

export interface CompiledVariants {
  /** The variants with a positive weight, in order, and their running weight sums. */
  weighted: readonly CompiledVariant[];
  cumulative: readonly number[];
  overrides: readonly CompiledOverride[];
  chain: readonly string[];
  salt: HashPrefix;
}

/**
 * A variant as results carry it: its key, and its value when that is JSON.
 *
 * @example
 * compileVariant({ key: 'wide', value: 'wide', weight: 1 }); // { key: 'wide', value: 'wide' }
 */
export function compileVariant(entry: Record<string, unknown>): CompiledVariant {
  return { key: String(entry.key), value: isJsonValue(entry.value) ? entry.value : undefined };
}

function weightOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

/**
 * Prepares a variant list, or `undefined` when there is none (so the caller falls back).
 * Overrides are kept only where `withOverrides` (flag-level variants).
 */
export function compileVariants(
  source: unknown,
  chain: readonly string[],
  salt: string,
  withOverrides: boolean,
): CompiledVariants | undefined {
  const list = listOf(source).filter(isRecord);
  if (list.length === 0) return undefined;
  const weighted: CompiledVariant[] = [];
  const cumulative: number[] = [];
  const overrides: CompiledOverride[] = [];
  let total = 0;
  for (const entry of list) {
    const variant = compileVariant(entry);
    const weight = weightOf(entry.weight);
    if (weight > 0) {
      total += weight;
      weighted.push(variant);
      cumulative.push(total);
    }
    if (!withOverrides) continue;
    for (const override of listOf(entry.overrides).filter(isRecord)) {
      if (typeof override.attribute !== 'string') continue;
      overrides.push({ attribute: override.attribute, members: new Set(stringsOf(override.values)), variant });
    }
  }
  return { weighted, cumulative, overrides, chain, salt: variantSalt(salt) };
}
