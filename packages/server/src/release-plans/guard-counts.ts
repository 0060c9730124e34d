import { batchPlanId } from '../store/build-snapshot.js';
import type { BatchCounts } from './guard-progress.js';

/** Counts gathered on this instance for one batch of one guarded flag, waiting for the next flush. */
export interface PendingBatch {
  environment: string;
  flag: string;
  /** The batch the snapshot named (`<plan id>:<step>:<configuration version>`). */
  batch: string;
  planId: string;
  counts: BatchCounts;
}

export interface PendingCountsLimits {
  /** The most batches held at once; counts for another are refused. Default 10 000. */
  maxBatches?: number;
  /** The most any one count may reach before a flush; counts that would pass it are refused. Default 10¹². */
  maxCount?: number;
}

export interface PendingCounts {
  /** Adds counts to the batch's; `false`, adding nothing, when a bound would be passed. */
  add(environment: string, flag: string, batch: string, counts: BatchCounts): boolean;
  /** Takes every batch out, leaving none. */
  take(): PendingBatch[];
  /** Puts back batches a flush could not use yet, added to what came in meanwhile. */
  restore(batches: readonly PendingBatch[]): void;
  /** How many batches are held. */
  size(): number;
}

const empty = (): BatchCounts => ({ treatment: { exposures: 0, events: 0 }, control: { exposures: 0, events: 0 } });

/**
 * The counts this instance has received since the scheduler last flushed, summed per batch of
 * each guarded flag, in memory and bounded: at most `maxBatches` batches (only current
 * batches are let in, so in practice one or two per guarded plan) and no count beyond
 * `maxCount`. A restart loses at most one tick's counts.
 *
 * @example
 * const pending = createPendingCounts();
 * pending.add('production', 'new-checkout', 'p1:0:3', { treatment: { exposures: 5, events: 1 }, control: { exposures: 95, events: 1 } });
 * for (const batch of pending.take()) await flushBatch(deps, batch);
 */
export function createPendingCounts(limits: PendingCountsLimits = {}): PendingCounts {
  const { maxBatches = 10_000, maxCount = 1e12 } = limits;
  let batches = new Map<string, PendingBatch>();

  function add(environment: string, flag: string, batch: string, counts: BatchCounts): boolean {
    const planId = batchPlanId(batch);
    if (planId === undefined) return false;
    const key = `${environment}\u0000${flag}\u0000${batch}`;
    const held = batches.get(key);
    if (held === undefined && batches.size >= maxBatches) return false;
    const sum = held?.counts ?? empty();
    const next: BatchCounts = {
      treatment: {
        exposures: sum.treatment.exposures + counts.treatment.exposures,
        events: sum.treatment.events + counts.treatment.events,
      },
      control: {
        exposures: sum.control.exposures + counts.control.exposures,
        events: sum.control.events + counts.control.events,
      },
    };
    const values = [next.treatment.exposures, next.treatment.events, next.control.exposures, next.control.events];
    if (!values.every((value) => Number.isSafeInteger(value) && value >= 0 && value <= maxCount)) return false;
    batches.set(key, { environment, flag, batch, planId, counts: next });
    return true;
  }

  return {
    add,
    take() {
      const taken = [...batches.values()];
      batches = new Map();
      return taken;
    },
    restore(restored) {
      for (const { environment, flag, batch, counts } of restored) add(environment, flag, batch, counts);
    },
    size: () => batches.size,
  };
}
