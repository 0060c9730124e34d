import type { Snapshot } from '@rampart/core';
import type { Store } from '../store/store.js';

export interface GatedStore {
  store: Store;
  /**
   * Makes the next `getSnapshot` read its snapshot, then wait for `release()` before answering.
   * `reached` resolves once that read has happened.
   */
  hold(): { reached: Promise<void>; release: () => void };
}

/**
 * A store whose next snapshot read can be held back, to put a change exactly between a
 * snapshot being read and being used.
 *
 * @example
 * const gated = gatedStore(store);
 * const { reached, release } = gated.hold();
 */
export function gatedStore(inner: Store): GatedStore {
  let gate: { reached: () => void; released: Promise<void> } | undefined;
  const getSnapshot = async (environment: string): Promise<Snapshot | undefined> => {
    const current = gate;
    gate = undefined;
    const snapshot = await inner.getSnapshot(environment);
    if (current !== undefined) {
      current.reached();
      await current.released;
    }
    return snapshot;
  };
  const store = new Proxy(inner, {
    get: (target, property, receiver) =>
      property === 'getSnapshot' ? getSnapshot : Reflect.get(target, property, receiver),
  });
  return {
    store,
    hold() {
      let reached = (): void => undefined;
      let release = (): void => undefined;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      gate = { reached, released };
      return { reached: reachedPromise, release };
    },
  };
}
