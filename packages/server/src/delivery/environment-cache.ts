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
  /**
   * Reads every environment's version from the store (one small query) and catches up each
   * loaded environment that is behind, through the change log. Runs every `pollMs`; the
   * bus only makes news travel faster than this.
   */
  poll(): Promise<void>;
  /** Whether this instance's view is within the convergence bound of the store, and why not. */
  freshness(): Freshness;
  /** Called each time the view turns from fresh to stale (checked on every poll's schedule). Returns the unsubscribe. */
  onStale(listener: (reason: string) => void): () => void;
  close(): void;
}

export type Freshness = { ok: true } | { ok: false; reason: string };

/** How far behind the store an instance may fall, by default, when every bus message is lost. */
export const DEFAULT_CONVERGENCE_MS = 2_000;

export interface EnvironmentCacheDeps {
  store: StoreReader;
  bus: ChangeBus;
  logger: Logger;
  /**
   * The bound on how far behind the store this instance may be: the store's versions are read
   * every half of it, and `freshness()` fails once no read has succeeded for this long.
   * Default {@link DEFAULT_CONVERGENCE_MS}; `0` turns the schedule off (tests call `poll()`).
   */
  convergenceMs?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
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
export function createEnvironmentCache(deps: EnvironmentCacheDeps): EnvironmentCache {
  const { store, bus, logger, convergenceMs = DEFAULT_CONVERGENCE_MS, now = Date.now } = deps;
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

  const bound = convergenceMs > 0 ? convergenceMs : DEFAULT_CONVERGENCE_MS;
  let caughtUpAt = now();
  let lastFailure: string | undefined;
  let polling: Promise<void> | undefined;
  /** When the poll in flight began; `undefined` when none is. */
  let pollStartedAt: number | undefined;

  async function readVersions(): Promise<void> {
    const started = now();
    try {
      const environments = await store.listEnvironments();
      const behind = environments.filter(({ key, version }) => (views.get(key)?.version ?? version) < version);
      await Promise.all(behind.map(({ key }) => scheduleRefresh(key)));
      // A refresh reports its own failure; the view is current only if every one caught up.
      const stuck = behind.find(({ key, version }) => (views.get(key)?.version ?? version) < version);
      if (stuck !== undefined) throw new Error(`could not catch up environment '${stuck.key}'`);
      // Every loaded environment is now at least as new as the store was when the read began.
      caughtUpAt = started;
      lastFailure = undefined;
    } catch (error) {
      lastFailure = error instanceof Error ? error.message : String(error);
      logger.warn({ err: error }, "could not read the store's versions; the next poll will retry");
    }
  }

  function poll(): Promise<void> {
    // One poll at a time: a slow store is not asked again before it answered.
    if (polling === undefined) {
      pollStartedAt = now();
      polling = readVersions().finally(() => {
        polling = undefined;
        pollStartedAt = undefined;
      });
    }
    return polling.then(checkFreshness);
  }

  /**
   * Stale only on evidence: the last poll failed, or one has waited on the store for longer
   * than the bound, and nothing has caught the view up within it. A schedule that did not run
   * (a process too busy to fire its timer) is not evidence that the view is behind.
   */
  function freshness(): Freshness {
    const at = now();
    const age = at - caughtUpAt;
    if (age <= bound) return { ok: true };
    const waiting = pollStartedAt === undefined ? 0 : at - pollStartedAt;
    const why =
      lastFailure ?? (waiting > bound ? `the store has not answered for ${(waiting / 1000).toFixed(1)} s` : undefined);
    if (why === undefined) return { ok: true };
    return {
      ok: false,
      reason: `this instance has not caught up with the store for ${(age / 1000).toFixed(1)} s (bound ${bound / 1000} s): ${why}`,
    };
  }

  const staleListeners = new Set<(reason: string) => void>();
  let wasFresh = true;
  /** Tells the stale listeners when the view has just fallen behind. */
  function checkFreshness(): void {
    const current = freshness();
    if (!current.ok && wasFresh) {
      for (const listener of [...staleListeners]) {
        try {
          listener(current.reason);
        } catch (error) {
          logger.error({ err: error }, 'a stale-view listener failed');
        }
      }
    }
    wasFresh = current.ok;
  }

  const timer =
    convergenceMs > 0
      ? setInterval(() => {
          // Checked on the schedule, not after the poll: a poll that hangs never ends.
          checkFreshness();
          void poll();
        }, convergenceMs / 2)
      : undefined;
  timer?.unref();

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
    poll,
    freshness,
    onStale(listener) {
      staleListeners.add(listener);
      return () => void staleListeners.delete(listener);
    },
    close() {
      clearInterval(timer);
      staleListeners.clear();
      unsubscribe();
      listeners.clear();
    },
  };
}
