import type { JsonValue } from '@rampart/core';
import { useFlagSnapshot, useUnknownFlagWarning } from './store-context';

export interface VariantResult {
  enabled: boolean;
  /** The variant's key, or `null` when none applies or the flag is unknown. */
  variant: string | null;
  /** The variant's value (for a boolean flag: `enabled`), or `null`. */
  value: JsonValue;
}

/**
 * A flag's evaluated variant and value. The component re-renders only when this flag's
 * `enabled`, `variant` or `value` changes. Development builds warn once if the server's
 * results lack the flag.
 *
 * @example
 * const { variant, value } = useVariant('checkout-layout');
 * return variant === 'compact' ? <Compact columns={Number(value)} /> : <Classic />;
 */
export function useVariant(key: string): VariantResult {
  // The condition is constant in a build, so the hooks called stay the same on every render.
  if (process.env.NODE_ENV !== 'production') useUnknownFlagWarning(key);
  const result = useFlagSnapshot((snapshot) => snapshot.flags[key]);
  return { enabled: result?.enabled ?? false, variant: result?.variant ?? null, value: result?.value ?? null };
}
