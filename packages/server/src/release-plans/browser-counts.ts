import { guardArm, type EvaluationContext, type GuardArm } from '@rampart/core';
import { guardedClientFlags, type EnvironmentView } from '../delivery/index.js';
import type { PendingCounts } from './guard-counts.js';

/** The default most distinct units counted per client key per interval. */
export const DEFAULT_MAX_UNITS_PER_KEY = 10_000;
/** The default length of a browser counting interval: the SDKs send their counts this often too. */
export const DEFAULT_BROWSER_INTERVAL_MS = 5_000;

type ArmUnits = Record<GuardArm, Set<number>>;

/** One batch's distinct units in one interval, for one client key. */
interface BatchUnits {
  environment: string;
  flag: string;
  batch: string;
  /** Units served the flag's results, by arm. */
  exposed: ArmUnits;
  /** Units exposed in this interval that then had the guarded event, by arm. */
  evented: ArmUnits;
}

/** A client key's interval: its batches and how many units it has had counted in all of them. */
interface KeyUnits {
  units: number;
  batches: Map<string, BatchUnits>;
}

export interface BrowserCountsOptions {
  /** The most exposures (distinct unit, batch and arm) counted per client key per interval; the rest are ignored. */
  maxUnitsPerKey?: number;
  intervalMs?: number;
  /** When the first interval starts, in milliseconds since the epoch. */
  startedAt: number;
}

export interface BrowserCountsStats {
  /** Exposures ignored because their key had reached its bound, since the process started. */
  capped: number;
  /** Units held in the current interval, over every key. */
  units: number;
}

export interface BrowserCounts {
  /** A client key's context was served results: counts it exposed to each guarded flag among `flagKeys` (default: all). */
  exposed(keyId: string, view: EnvironmentView, context: EvaluationContext, flagKeys?: readonly string[]): void;
  /** A client key's context had `event`: counts it for each guarded flag watching that event, if exposed in this interval. */
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

/**
 * The server's own counting for browsers, whose keys are public and so untrusted: the server
 * evaluates for them (`/client/evaluate`, `/client/stream`, OFREP), so it knows each context's
 * arm, from core's `guardArm`, and never takes counts from them. Per client key and interval
 * it counts DISTINCT units (the rollout's hash of the unit) per batch and arm: a context is
 * exposed at most once and has the event at most once per interval, an event counts only for
 * a unit this instance exposed in the same interval, in the same arm, and each key has at most
 * `maxUnitsPerKey` exposures per interval. So a leaked client key adds at most that many
 * exposures, and as many events, per interval and instance, whatever it sends.
 *
 * @example
 * const browsers = createBrowserCounts({ startedAt: Date.now() });
 * browsers.exposed(keyId, view, { userId: '42' });
 * browsers.tracked(keyId, view, 'checkout-error', { userId: '42' });
 * browsers.close(Date.now() + 5000, pending); // true: the interval's counts are in `pending`
 */
export function createBrowserCounts(options: BrowserCountsOptions): BrowserCounts {
  const { maxUnitsPerKey = DEFAULT_MAX_UNITS_PER_KEY, intervalMs = DEFAULT_BROWSER_INTERVAL_MS } = options;
  let startedAt = options.startedAt;
  let keys = new Map<string, KeyUnits>();
  let capped = 0;

  const batchKey = (environment: string, flag: string, batch: string) => `${environment}\u0000${flag}\u0000${batch}`;

  return {
    exposed(keyId, view, context, flagKeys) {
      const guarded = guardedClientFlags(view.snapshot);
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
            evented: noUnits(),
          };
          held.batches.set(id, units);
        }
        units.exposed[found.arm].add(found.unit);
        held.units++;
      }
    },

    tracked(keyId, view, event, context) {
      const held = keys.get(keyId);
      if (held === undefined) return;
      for (const { key, guard } of guardedClientFlags(view.snapshot)) {
        if (guard.event !== event) continue;
        const units = held.batches.get(batchKey(view.environment, key, guard.batch));
        if (units === undefined) continue;
        const found = guardArm(view.compiled, key, context);
        if (found !== undefined && units.exposed[found.arm].has(found.unit)) units.evented[found.arm].add(found.unit);
      }
    },

    close(now, pending) {
      if (now - startedAt < intervalMs) return false;
      for (const held of keys.values()) {
        for (const { environment, flag, batch, exposed, evented } of held.batches.values()) {
          pending.add(environment, flag, batch, {
            treatment: { exposures: exposed.treatment.size, events: evented.treatment.size },
            control: { exposures: exposed.control.size, events: evented.control.size },
          });
        }
      }
      keys = new Map();
      startedAt = now;
      return true;
    },

    stats() {
      let units = 0;
      for (const held of keys.values()) units += held.units;
      return { capped, units };
    },
  };
}
