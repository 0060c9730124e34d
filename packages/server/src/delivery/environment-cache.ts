import { compile, type CompiledSnapshot, type Snapshot } from '@rampart/core';
import type { ChangeBus } from '../bus/bus.js';
import type { Logger } from '../base/logger.js';
import type { ChangeRecord, StoreReader } from '../store/store.js';

/** One environment as this instance last read it: the snapshot SDKs get, compiled for evaluation. */
export interface EnvironmentView {
  readonly environment: string;
  readonly version: number;
  readonly snapshot: Snapshot;
  readonly compiled: CompiledSnapshot;
}

/** A step forward: the view before, the view after, and what changed at each version between. */
export interface EnvironmentUpdate {
  readonly previous: EnvironmentView;
  readonly current: EnvironmentView;
  /** Oldest first; the last one has `current.version`. */
  readonly changes: readonly ChangeRecord[];
}

export interface EnvironmentCache {
  /** The environment as of the newest version read; loaded on first use; `undefined` if it does not exist. */
  get(environment: string): Promise<EnvironmentView | undefined>;
  /** The view already loaded, without waiting; `undefined` when it is not loaded yet. */
  peek(environment: string): EnvironmentView | undefined;
  /** Called once per step, in version order for each environment. Returns the unsubscribe. */
  onUpdate(listener: (update: EnvironmentUpdate) => void): () => void;
  /** Rereads every loaded environment from the store (after the bus may have lost messages). */
  resync(): Promise<void>;
  close(): void;
}

export interface EnvironmentCacheDeps {
  store: StoreReader;
  bus: ChangeBus;
  logger: Logger;
}

function viewOf(snapshot: Snapshot): EnvironmentView {
  return { environment: snapshot.environment, version: snapshot.version, snapshot, compiled: compile(snapshot) };
}

/**
 * Keeps every environment that this instance serves current. A bus message is only a cue:
 * the cache reads what changed since the version it has, so a lost, late or repeated message
 * never loses or repeats a change — the next message, or a resync, catches up.
 *
 * @example
 * const cache = createEnvironmentCache({ store, bus, logger });
 * cache.onUpdate(({ current, changes }) => console.log(current.version, changes));
 * const view = await cache.get('production');
 */
export function createEnvironmentCache({ store, bus, logger }: EnvironmentCacheDeps): EnvironmentCache {
  const views = new Map<string, EnvironmentView>();
  const loading = new Map<string, Promise<EnvironmentView | undefined>>();
  const refreshing = new Map<string, Promise<void>>();
  // The newest version announced while an environment was being loaded for the first time:
  // the snapshot being read may predate it, and no later message may ever come.
  const heardWhileLoading = new Map<string, number>();
  const listeners = new Set<(update: EnvironmentUpdate) => void>();

  async function refresh(environment: string): Promise<void> {
    const previous = views.get(environment);
    if (previous === undefined) return;
    // Snapshot first, then the changes up to its version: a commit that lands in between
    // is left for the next refresh, never half-told.
    const snapshot = await store.getSnapshot(environment);
    if (snapshot === undefined || snapshot.version <= previous.version) return;
    const changes = (await store.listChangesSince(environment, previous.version)).filter(
      (c) => c.version <= snapshot.version,
    );
    const current = viewOf(snapshot);
    views.set(environment, current);
    for (const listener of [...listeners]) {
      try {
        listener({ previous, current, changes });
      } catch (error) {
        logger.error({ err: error, environment, version: current.version }, 'an environment listener failed');
      }
    }
  }

  /** Refreshes run one after another per environment, so listeners see versions in order. */
  function scheduleRefresh(environment: string): Promise<void> {
    const next = (refreshing.get(environment) ?? Promise.resolve())
      .then(() => refresh(environment))
      .catch((error: unknown) =>
        logger.error(
          { err: error, environment },
          'could not read the environment; the next change or resync will retry',
        ),
      );
    refreshing.set(environment, next);
    return next;
  }

  const unsubscribe = bus.subscribe({
    change({ environment, version }) {
      const view = views.get(environment);
      if (view !== undefined && version > view.version) void scheduleRefresh(environment);
      else if (view === undefined && loading.has(environment))
        heardWhileLoading.set(environment, Math.max(version, heardWhileLoading.get(environment) ?? 0));
    },
    resync() {
      void resync();
    },
  });

  async function resync(): Promise<void> {
    await Promise.all([...views.keys()].map(scheduleRefresh));
  }

  return {
    async get(environment) {
      const view = views.get(environment);
      if (view !== undefined) return view;
      let pending = loading.get(environment);
      if (pending === undefined) {
        pending = store.getSnapshot(environment).then((snapshot) => {
          if (snapshot === undefined) return undefined;
          const loaded = views.get(environment) ?? viewOf(snapshot);
          views.set(environment, loaded);
          const heard = heardWhileLoading.get(environment);
          heardWhileLoading.delete(environment);
          if (heard !== undefined && heard > loaded.version) void scheduleRefresh(environment);
          return loaded;
        });
        loading.set(environment, pending);
        void pending
          .finally(() => {
            loading.delete(environment);
            heardWhileLoading.delete(environment);
          })
          .catch(() => undefined);
      }
      return pending;
    },
    peek: (environment) => views.get(environment),
    onUpdate(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    resync,
    close() {
      unsubscribe();
      listeners.clear();
    },
  };
}
