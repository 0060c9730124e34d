import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import type { FlagStore } from '../store/flag-store';
import type { FlagSnapshot } from '../store/types';

export const StoreContext = createContext<FlagStore | null>(null);

type Readable = Pick<FlagStore, 'subscribe' | 'getSnapshot' | 'getServerSnapshot'>;

const empty: FlagSnapshot = { status: 'initializing', ready: false, flags: {} };
const noStore: Readable = {
  subscribe: () => () => undefined,
  getSnapshot: () => empty,
  getServerSnapshot: () => empty,
};
let warned = false;

/**
 * The nearest provider's snapshot, narrowed by `select`. The component re-renders only when
 * what `select` returns changes (by `Object.is`), so selectors return primitives or the
 * store's own per-flag objects. Without a provider it logs once and reads an empty snapshot.
 *
 * @example
 * const enabled = useFlagSnapshot((snapshot) => snapshot.flags['new-checkout']?.enabled ?? false);
 */
export function useFlagSnapshot<T>(select: (snapshot: FlagSnapshot) => T): T {
  let store: Readable | null = useContext(StoreContext);
  if (!store) {
    // A mistake to fix while developing: production builds drop the message (and its bytes).
    if (process.env.NODE_ENV !== 'production' && !warned) {
      console.error(
        'Rampart: no <RampartProvider> above useFlag/useVariant/useFlags; answering defaults (false, null).',
      );
      warned = true;
    }
    store = noStore;
  }
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getSnapshot()),
    () => select(store.getServerSnapshot()),
  );
}

/**
 * The nearest `<RampartProvider>`'s store, or `null` without one: for what the hooks do not
 * cover, such as `track` from `@rampart/sdk-react/track`.
 *
 * @example
 * const store = useFlagStore();
 */
export function useFlagStore(): FlagStore | null {
  return useContext(StoreContext);
}

/**
 * Development builds only: `useFlag` and `useVariant` call it behind a `process.env.NODE_ENV`
 * check, so production bundles drop it. Once the live results lack `key`, the store warns.
 *
 * @example
 * if (process.env.NODE_ENV !== 'production') useUnknownFlagWarning(key);
 */
export function useUnknownFlagWarning(key: string): void {
  const store = useContext(StoreContext);
  const unknown = useFlagSnapshot((snapshot) => snapshot.status === 'ready' && !Object.hasOwn(snapshot.flags, key));
  useEffect(() => {
    if (unknown) store?.warnUnknownFlag?.(key);
  }, [store, key, unknown]);
}
