import { guardArm, type EvaluationContext, type GuardArm } from '@rampart/core';
import { guardedClientFlags, type EnvironmentView, type GuardedClientFlag } from '../delivery/index.js';
import type { PendingCounts } from './guard-counts.js';

/** The default most distinct units counted per client key per interval. */
export const DEFAULT_MAX_UNITS_PER_KEY = 10_000;
/** The default length of a browser counting interval: the SDKs send their counts this often too. */
export const DEFAULT_BROWSER_INTERVAL_MS = 5_000;
/** The default most units with an event held per client key, batch and arm (exact 32-bit numbers: a few MiB). */
export const DEFAULT_MAX_EVENT_UNITS = 100_000;

type ArmUnits = Record<GuardArm, Set<number>>;

/** One batch's distinct units in one interval, for one client key. */
interface BatchUnits {
  environment: string;
  flag: string;
  batch: string;
  /** Units served the flag's results, by arm. */
  exposed: ArmUnits;
  /** Units exposed in this interval that had the guarded event for the first time in the batch, by arm. */
  events: Record<GuardArm, number>;
}

/** The units of one client key that had the guarded event in a batch, across its intervals. */
interface BatchFailures {
  environment: string;
  flag: string;
  batch: string;
  units: ArmUnits;
}

/** A client key's interval: its batches and how many units it has had counted in all of them. */
interface KeyUnits {
  units: number;
  batches: Map<string, BatchUnits>;
}

export interface BrowserCountsOptions {
  /** The most exposures (distinct unit, batch and arm) counted per client key per interval; the rest are ignored. */
  maxUnitsPerKey?: number;
  /**
   * The most units with an event held per client key, batch and arm; once either arm of a batch
   * has that many, neither counts that key's events in the batch any more.
   */
  maxEventUnits?: number;
  intervalMs?: number;
  /** When the first interval starts, in milliseconds since the epoch. */
  startedAt: number;
}

export interface BrowserCountsStats {
  /** Exposures ignored because their key had reached its bound, since the process started. */
  capped: number;
  /** Units held in the current interval, over every key. */
  units: number;
  /** Events ignored because their key's batch had reached its bound on units with an event, since the process started. */
  eventsCapped: number;
  /** Units with an event held for the current batches, over every key. */
  eventUnits: number;
}

export interface BrowserCounts {
  /** A client key's context was served results: counts it exposed to each guarded flag among `flagKeys` (default: all). */
  exposed(keyId: string, view: EnvironmentView, context: EvaluationContext, flagKeys?: readonly string[]): void;
  /**
   * A client key's context had `event`: counts it for each guarded flag watching that event, if
   * exposed in this interval and not counted already in this batch.
   */
  tracked(keyId: string, view: EnvironmentView, event: string, context: EvaluationContext): void;
  /**
   * When the interval has run its length at `now`, adds its distinct counts to `pending`,
   * starts the next one and answers `true` (the caller then counts what is still exposed:
   * open streams); otherwise `false`.
   */
  close(now: number, pending: PendingCounts): boolean;
  stats(): BrowserCountsStats;
}

const noUnits = (): ArmUnits => ({ treatment: new Set(), control: new Set() });

/** Whether `batch` is still the current batch of `flag` among an environment's guarded flags. */
const isCurrent = (guarded: readonly GuardedClientFlag[] | undefined, flag: string, batch: string): boolean =>
  guarded?.some(({ key, guard }) => key === flag && guard.batch === batch) === true;

/**
 * The server's own counting for browsers, whose keys are public and so untrusted: the server
 * evaluates for them (`/client/evaluate`, `/client/stream`, OFREP), so it knows each context's
 * arm, from core's `guardArm`, and never takes counts from them. Per client key it counts
 * units (the rollout's hash of the unit) per batch and arm: a context is exposed at most once
 * per interval, and has the event at most once per BATCH, so a browser that keeps failing (a
 * bot, a broken tab) counts as one failing unit, not as a new one every interval. An event
 * counts only for a unit this instance exposed in the same interval, in the same arm, and each
 * key has at most `maxUnitsPerKey` exposures per interval. So a leaked client key adds at most
 * that many exposures, and as many events, per interval and instance, whatever it sends.
 * The units with an event are held exactly, per key, batch and arm, up to `maxEventUnits`;
 * once either arm reaches it, neither counts that key's events in the batch any more (the
 * loss falls on both arms alike, so it cannot bias the comparison), and they show in
 * `eventsCapped`. A batch's units are let go once the flag has another batch, or none.
 *
 * @example
 * const browsers = createBrowserCounts({ startedAt: Date.now() });
 * browsers.exposed(keyId, view, { userId: '42' });
 * browsers.tracked(keyId, view, 'checkout-error', { userId: '42' });
 * browsers.close(Date.now() + 5000, pending); // true: the interval's counts are in `pending`
 */
export function createBrowserCounts(options: BrowserCountsOptions): BrowserCounts {
  const {
    maxUnitsPerKey = DEFAULT_MAX_UNITS_PER_KEY,
    maxEventUnits = DEFAULT_MAX_EVENT_UNITS,
    intervalMs = DEFAULT_BROWSER_INTERVAL_MS,
  } = options;
  let startedAt = options.startedAt;
  let keys = new Map<string, KeyUnits>();
  let capped = 0;
  let eventsCapped = 0;
  /** Per client key, per environment and flag: the units that had the event in the flag's batch. */
  const failures = new Map<string, Map<string, BatchFailures>>();
  /** Each environment's guarded client-side flags, as last seen: which batches are current. */
  const guardedIn = new Map<string, readonly GuardedClientFlag[]>();

  const batchKey = (environment: string, flag: string, batch: string) => `${environment}\u0000${flag}\u0000${batch}`;

  /** The key's failures in `batch` of the flag; those of an earlier batch are let go. */
  function failuresOf(keyId: string, environment: string, flag: string, batch: string): BatchFailures {
    let byFlag = failures.get(keyId);
    if (byFlag === undefined) {
      byFlag = new Map();
      failures.set(keyId, byFlag);
    }
    const id = `${environment}\u0000${flag}`;
    let held = byFlag.get(id);
    if (held === undefined || held.batch !== batch) {
      held = { environment, flag, batch, units: noUnits() };
      byFlag.set(id, held);
    }
    return held;
  }

  return {
    exposed(keyId, view, context, flagKeys) {
      const guarded = guardedClientFlags(view.snapshot);
      guardedIn.set(view.environment, guarded);
      for (const { key, guard } of guarded) {
        if (flagKeys !== undefined && !flagKeys.includes(key)) continue;
        const found = guardArm(view.compiled, key, context);
        if (found === undefined) continue;
        let held = keys.get(keyId);
        if (held === undefined) {
          held = { units: 0, batches: new Map() };
          keys.set(keyId, held);
        }
        const id = batchKey(view.environment, key, guard.batch);
        let units = held.batches.get(id);
        if (units?.exposed[found.arm].has(found.unit)) continue;
        if (held.units >= maxUnitsPerKey) {
          capped++;
          continue;
        }
        if (units === undefined) {
          units = {
            environment: view.environment,
            flag: key,
            batch: guard.batch,
            exposed: noUnits(),
            events: { treatment: 0, control: 0 },
          };
          held.batches.set(id, units);
        }
        units.exposed[found.arm].add(found.unit);
        held.units++;
      }
    },

    tracked(keyId, view, event, context) {
      const guarded = guardedClientFlags(view.snapshot);
      guardedIn.set(view.environment, guarded);
      const held = keys.get(keyId);
      if (held === undefined) return;
      for (const { key, guard } of guarded) {
        if (guard.event !== event) continue;
        const units = held.batches.get(batchKey(view.environment, key, guard.batch));
        if (units === undefined) continue;
        const found = guardArm(view.compiled, key, context);
        if (found === undefined || !units.exposed[found.arm].has(found.unit)) continue;
        const failed = failuresOf(keyId, view.environment, key, guard.batch).units;
        if (failed[found.arm].has(found.unit)) continue;
        if (failed.treatment.size >= maxEventUnits || failed.control.size >= maxEventUnits) {
          eventsCapped++;
          continue;
        }
        failed[found.arm].add(found.unit);
        units.events[found.arm]++;
      }
    },

    close(now, pending) {
      if (now - startedAt < intervalMs) return false;
      for (const held of keys.values()) {
        for (const { environment, flag, batch, exposed, events } of held.batches.values()) {
          pending.add(environment, flag, batch, {
            treatment: { exposures: exposed.treatment.size, events: events.treatment },
            control: { exposures: exposed.control.size, events: events.control },
          });
        }
      }
      for (const [keyId, byFlag] of failures) {
        for (const [id, { environment, flag, batch }] of byFlag) {
          if (!isCurrent(guardedIn.get(environment), flag, batch)) byFlag.delete(id);
        }
        if (byFlag.size === 0) failures.delete(keyId);
      }
      keys = new Map();
      startedAt = now;
      return true;
    },

    stats() {
      let units = 0;
      for (const held of keys.values()) units += held.units;
      let eventUnits = 0;
      for (const byFlag of failures.values()) {
        for (const { units: failed } of byFlag.values()) eventUnits += failed.treatment.size + failed.control.size;
      }
      return { capped, units, eventsCapped, eventUnits };
    },
  };
}
