import { createElement, useEffect, useState, type ReactNode } from 'react';
import { createFlagStore, type FlagStoreOptions } from '../store/flag-store';
import { StoreContext } from './store-context';

export interface RampartProviderProps extends FlagStoreOptions {
  children?: ReactNode;
}

/**
 * Gives its subtree the flags of a client key for a context. `url`, `clientKey`, `bootstrap`,
 * `platform` and `onError` are read once; a `context` that changes by value re-opens the stream
 * once. Nothing connects during server rendering: the stream opens when the first hook
 * subscribes in the browser and closes when the last one unmounts.
 *
 * @example
 * <RampartProvider url="https://flags.example.com" clientKey="rpc_…" context={{ userId }} bootstrap={results}
 *                  onError={(error) => telemetry.report(error.code, error)}>
 *   <App />
 * </RampartProvider>
 */
export function RampartProvider({ children, ...options }: RampartProviderProps) {
  const [store] = useState(() => createFlagStore(options));
  const { context = {} } = options;
  // Runs after the children subscribed; a context equal by value does nothing.
  useEffect(() => store.setContext(context));
  return createElement(StoreContext.Provider, { value: store }, children);
}
