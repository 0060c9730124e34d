import { useFlagSnapshot } from './store-context';

/**
 * Whether a flag is on for the provider's context: `false` until known, and for unknown
 * flags. The component re-renders only when this flag turns on or off.
 *
 * @example
 * const newCheckout = useFlag('new-checkout');
 * return newCheckout ? <NewCheckout /> : <Checkout />;
 */
export function useFlag(key: string): boolean {
  return useFlagSnapshot((snapshot) => snapshot.flags[key]?.enabled ?? false);
}
