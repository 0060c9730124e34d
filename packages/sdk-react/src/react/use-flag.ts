import { useFlagSnapshot, useUnknownFlagWarning } from './store-context';

/**
 * Whether a flag is on for the provider's context: `false` until known, and for unknown
 * flags. The component re-renders only when this flag turns on or off. Development builds
 * warn once if the server's results lack the flag.
 *
 * @example
 * const newCheckout = useFlag('new-checkout');
 * return newCheckout ? <NewCheckout /> : <Checkout />;
 */
export function useFlag(key: string): boolean {
  // The condition is constant in a build, so the hooks called stay the same on every render.
  if (process.env.NODE_ENV !== 'production') useUnknownFlagWarning(key);
  return useFlagSnapshot((snapshot) => snapshot.flags[key]?.enabled ?? false);
}
