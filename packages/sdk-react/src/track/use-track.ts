import { useCallback } from 'react';
import { useFlagStore } from '@rampart/sdk-react';
import { track } from './track';

/**
 * `track` for the nearest `<RampartProvider>`'s store: a function, the same one while the
 * store is, that sends an event for the provider's current context. Without a provider it does
 * nothing.
 *
 * @example
 * const track = useTrack();
 * return <button onClick={() => pay().catch(() => track('checkout-error'))}>Pay</button>;
 */
export function useTrack(): (event: string) => void {
  const store = useFlagStore();
  return useCallback((event: string) => track(store, event), [store]);
}
