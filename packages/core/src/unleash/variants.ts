import { DEFAULT_VARIANT_CHAIN, RANDOM_UNIT, type FlagType, type UnitChain, type Variant } from '../model';
import { payloadValue } from './payloads';
import type { UnleashVariant } from './types';

/** Unleash's variant stickiness as a unit chain: `default` → the default chain; a field → it, then random. */
export function variantChain(stickiness: string | undefined): UnitChain {
  if (stickiness === undefined || stickiness === '' || stickiness === 'default') return DEFAULT_VARIANT_CHAIN;
  if (stickiness === 'random') return [RANDOM_UNIT];
  return [stickiness, RANDOM_UNIT];
}

/** Variants with their weights and order kept exactly; overrides only where asked (flag-level). */
export function fromUnleashVariants(variants: UnleashVariant[], type: FlagType, withOverrides: boolean): Variant[] {
  return variants.map((variant) => {
    const value = payloadValue(variant.payload, type);
    const mapped: Variant = { key: String(variant.name ?? ''), weight: variant.weight ?? 0 };
    if (value !== undefined) mapped.value = value;
    if (withOverrides && variant.overrides && variant.overrides.length > 0) {
      mapped.overrides = variant.overrides.map((override) => ({
        attribute: String(override.contextName ?? ''),
        values: (override.values ?? []).map(String),
      }));
    }
    return mapped;
  });
}
