import type { EvaluationContext, FlagGuard, Snapshot } from '@rampart/core';
import type { Clock } from '../base/clock.js';
import type { Delivery, EnvironmentView } from '../delivery/index.js';
import type { MetricsRegistry } from '../metrics/registry.js';
import { createBrowserCounts, type BrowserCountsOptions } from './browser-counts.js';
import { createPendingCounts, type PendingBatch, type PendingCountsLimits } from './guard-counts.js';
import type { BatchCounts } from './guard-progress.js';

/** One entry of `POST /sdk/guard-counts`: a server SDK's distinct units of one batch of one flag. */
export interface ServerCountEntry extends BatchCounts {
  flag: string;
  batch: string;
}

export interface IngestOutcome {
  accepted: number;
  ignored: number;
}

export interface GuardCollectorStats {
  /** SDK count entries taken, and those ignored (unknown flag, stale batch, a bound reached). */
  serverEntries: IngestOutcome;
  /** What the SDKs said they dropped before sending. */
  sdkDropped: number;
  /** Browser exposures ignored because their client key had reached its bound in the interval. */
  browserCapped: number;
  /** Browser events not counted because an arm of their batch reached its bound of failing units. */
  browserEventsCapped: number;
  /** Batches waiting for the next flush. */
  pendingBatches: number;
}

export interface GuardCollector {
  /** Takes a server SDK's counts for the key's environment, as `view` shows it: entries for a batch the flag does not carry now are ignored. */
  ingest(view: EnvironmentView, entries: readonly ServerCountEntry[], dropped: number): IngestOutcome;
  /** A client key's context had an event (`POST /client/track`). */
  tracked(keyId: string, view: EnvironmentView, event: string, context: EvaluationContext): void;
  /**
   * Everything to weigh now: closes the browser interval when it is due (the contexts of open
   * client streams are then counted as exposed in the next one), and takes every pending batch.
   */
  take(): PendingBatch[];
  /** Puts back batches that a flush could not use yet. */
  restore(batches: readonly PendingBatch[]): void;
  stats(): GuardCollectorStats;
}

export interface GuardCollectorOptions {
  clock: Clock;
  /** Where browser evaluations are heard of, and open client streams found. */
  delivery: Pick<Delivery, 'onClientEvaluation' | 'openClientStreams' | 'environments'>;
  browsers?: Omit<BrowserCountsOptions, 'startedAt'>;
  pending?: PendingCountsLimits;
}

const guardsBySnapshot = new WeakMap<Snapshot, ReadonlyMap<string, FlagGuard>>();

/** Every flag of the snapshot that carries a guard, by key. */
function guardsOf(snapshot: Snapshot): ReadonlyMap<string, FlagGuard> {
  let guards = guardsBySnapshot.get(snapshot);
  if (guards === undefined) {
    guards = new Map(snapshot.flags.flatMap((flag) => (flag.guard === undefined ? [] : [[flag.key, flag.guard]])));
    guardsBySnapshot.set(snapshot, guards);
  }
  return guards;
}

/**
 * This instance's counts for guarded release plans, between two ticks of the scheduler: the
 * server SDKs' (trusted: server keys), summed per batch, and the browsers' (client keys are
 * public: counted by the server itself, see `createBrowserCounts`). It listens to the
 * delivery's client evaluations from the moment it is made. Every instance keeps its own and
 * its scheduler flushes them; batches from several instances are just more observations.
 *
 * @example
 * const guards = createGuardCollector({ clock, delivery });
 * const app = createApp({ ...deps, delivery, guards });
 * createReleaseScheduler({ ...deps, guards }).start();
 */
export function createGuardCollector(options: GuardCollectorOptions): GuardCollector {
  const { clock, delivery } = options;
  const pending = createPendingCounts(options.pending);
  const browsers = createBrowserCounts({ ...options.browsers, startedAt: clock.now().getTime() });
  const serverEntries = { accepted: 0, ignored: 0 };
  let sdkDropped = 0;

  delivery.onClientEvaluation((keyId, view, context, flagKeys) => browsers.exposed(keyId, view, context, flagKeys));

  return {
    ingest(view, entries, dropped) {
      const guards = guardsOf(view.snapshot);
      const outcome = { accepted: 0, ignored: 0 };
      for (const { flag, batch, treatment, control } of entries) {
        const current = guards.get(flag);
        const taken = current?.batch === batch && pending.add(view.environment, flag, batch, { treatment, control });
        outcome[taken ? 'accepted' : 'ignored']++;
      }
      serverEntries.accepted += outcome.accepted;
      serverEntries.ignored += outcome.ignored;
      sdkDropped += dropped;
      return outcome;
    },

    tracked: (keyId, view, event, context) => browsers.tracked(keyId, view, event, context),

    take() {
      if (browsers.close(clock.now().getTime(), pending)) {
        for (const stream of delivery.openClientStreams()) {
          const view = delivery.environments.peek(stream.environment);
          if (view !== undefined) browsers.exposed(stream.keyId, view, stream.context);
        }
      }
      return pending.take();
    },

    restore: (batches) => pending.restore(batches),

    stats: () => ({
      serverEntries: { ...serverEntries },
      sdkDropped,
      browserCapped: browsers.stats().capped,
      browserEventsCapped: browsers.stats().eventsCapped,
      pendingBatches: pending.size(),
    }),
  };
}

/**
 * The guard's figures for `/metrics`: SDK count entries taken and ignored, what SDKs dropped,
 * browser exposures beyond their key's bound, and batches waiting for a flush.
 *
 * @example
 * registerGuardMetrics(metrics, guards);
 */
export function registerGuardMetrics(metrics: MetricsRegistry, guards: Pick<GuardCollector, 'stats'>): void {
  metrics.collected(
    'rampart_guard_count_entries_total',
    'Guard count entries from server SDKs, by outcome (accepted; ignored: unknown flag, stale batch or a bound reached)',
    () => {
      const { accepted, ignored } = guards.stats().serverEntries;
      return [
        [{ outcome: 'accepted' }, accepted],
        [{ outcome: 'ignored' }, ignored],
      ];
    },
    'counter',
  );
  metrics.collected(
    'rampart_guard_sdk_dropped_total',
    'Guard counts that server SDKs reported dropping before sending',
    () => [[{}, guards.stats().sdkDropped]],
    'counter',
  );
  metrics.collected(
    'rampart_guard_browser_capped_total',
    'Browser exposures not counted because their client key had reached its bound for the interval',
    () => [[{}, guards.stats().browserCapped]],
    'counter',
  );
  metrics.collected(
    'rampart_guard_browser_events_capped_total',
    "Browser events not counted because a batch's arm reached its bound of distinct failing units (both arms stop alike)",
    () => [[{}, guards.stats().browserEventsCapped]],
    'counter',
  );
  metrics.collected('rampart_guard_pending_batches', 'Batches of guard counts waiting for the next flush', () => [
    [{}, guards.stats().pendingBatches],
  ]);
}
