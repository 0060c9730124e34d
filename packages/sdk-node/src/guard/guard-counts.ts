import {
  guardArm,
  type CompiledSnapshot,
  type EvaluationContext,
  type ExposureHook,
  type FlagGuard,
} from '@rampart/core';
import { BatchCounts, type GuardCountsEntry } from './batch-counts.js';

/** The body of `POST /api/v1/sdk/guard-counts`. */
export interface GuardCountsBody {
  counts: GuardCountsEntry[];
  /** Units counted and not kept or not sent since the last upload the server accepted. */
  dropped: number;
}

/** Counts of ended batches kept for the next upload; more are dropped (a batch ends at each step). */
const MAX_ENDED = 1_000;

function unitsIn(entries: readonly GuardCountsEntry[]): number {
  let units = 0;
  for (const { treatment, control } of entries) {
    units += treatment.exposures + treatment.events + control.exposures + control.events;
  }
  return units;
}

/**
 * One entry per flag and batch: a batch that ended and started again (its flag left the
 * snapshot and came back) adds up, as counts of two intervals would at the server.
 */
function mergeBatches(entries: GuardCountsEntry[]): GuardCountsEntry[] {
  const byBatch = new Map<string, GuardCountsEntry>();
  for (const entry of entries) {
    const id = JSON.stringify([entry.flag, entry.batch]);
    const seen = byBatch.get(id);
    if (seen === undefined) {
      byBatch.set(id, entry);
      continue;
    }
    for (const arm of ['treatment', 'control'] as const) {
      seen[arm] = {
        exposures: seen[arm].exposures + entry[arm].exposures,
        events: seen[arm].events + entry[arm].events,
      };
    }
  }
  return [...byBatch.values()];
}

/**
 * The Node SDK's counts for guarded release plans: per guarded flag and batch, the distinct
 * units exposed to each arm from one upload to the next, and the units that had the guard's
 * event for the first time in the batch.
 * Each compile asks it for the hook of every guarded flag (`onGuardedFlag`), then `settle()`
 * ends the counts of batches that the new flags no longer have: a flag whose batch changed
 * starts counting afresh, and the ended batch's counts are sent once, with the next upload.
 *
 * @example
 * const counts = new GuardCounts();
 * const compiled = compile(snapshot, { onGuardedFlag: counts.onGuardedFlag });
 * counts.settle();
 * counts.track('checkout-error', compiled, { userId: '42' });
 * const body = counts.take(); // { counts: [...], dropped: 0 }, or undefined when there is nothing to send
 */
export class GuardCounts {
  /** The counts of the flags the client answers from, by flag key. */
  #current = new Map<string, BatchCounts>();
  /** Those that the compile under way asked for. */
  #asked = new Map<string, BatchCounts>();
  /** Counts of batches that ended since the last upload. */
  #ended: GuardCountsEntry[] = [];
  #dropped = 0;

  /** For `compile`: the hook that counts the flag's exposures at its current batch. */
  readonly onGuardedFlag = (flagKey: string, guard: FlagGuard): ExposureHook => {
    const current = this.#current.get(flagKey);
    const counts = current !== undefined && current.batch === guard.batch ? current : new BatchCounts(flagKey, guard);
    counts.event = guard.event;
    this.#asked.set(flagKey, counts);
    return counts.expose;
  };

  /** After a compile: the flags it compiled are now the ones counted; the others' batches end. */
  settle(): void {
    for (const [flagKey, counts] of this.#current) {
      if (this.#asked.get(flagKey) !== counts) this.#end(counts);
    }
    this.#current = this.#asked;
    this.#asked = new Map();
  }

  /** Whether there is anything to count or send: a guarded flag, counts to send, or drops to report. */
  get active(): boolean {
    return this.#current.size > 0 || this.#ended.length > 0 || this.#dropped > 0;
  }

  /**
   * Counts `eventKey` for the unit of `context`, once per batch (not per interval: a unit that
   * keeps failing is one failing unit), in each guarded flag that watches that event and in
   * which the context has an arm (as evaluation would put it). An event lost to the bound on
   * the units held per batch is added to `dropped`.
   */
  track(eventKey: string, compiled: CompiledSnapshot, context: EvaluationContext | undefined): void {
    for (const counts of this.#current.values()) {
      if (counts.event !== eventKey) continue;
      const exposure = guardArm(compiled, counts.flag, context);
      if (exposure !== undefined && !counts.countEvent(exposure.arm, exposure.unit)) this.#dropped++;
    }
  }

  /** The body of the next upload, and a new interval; `undefined` when there is nothing to send. */
  take(): GuardCountsBody | undefined {
    const entries = this.#ended;
    this.#ended = [];
    for (const batch of this.#current.values()) {
      const entry = batch.take();
      if (entry !== undefined) entries.push(entry);
    }
    if (entries.length === 0 && this.#dropped === 0) return undefined;
    return { counts: mergeBatches(entries), dropped: this.#dropped };
  }

  /** The server accepted `body`: the drops it reported are reported. */
  accepted(body: GuardCountsBody): void {
    this.#dropped = Math.max(0, this.#dropped - body.dropped);
  }

  /** `body` could not be sent: its units are dropped, to be reported with the next upload. */
  lost(body: GuardCountsBody): void {
    this.#dropped += unitsIn(body.counts);
  }

  #end(counts: BatchCounts): void {
    const entry = counts.take();
    if (entry === undefined) return;
    if (this.#ended.length < MAX_ENDED) this.#ended.push(entry);
    else this.#dropped += unitsIn([entry]);
  }
}
