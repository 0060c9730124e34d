import type { ExposureHook, FlagGuard, GuardArm } from '@rampart/core';
import { DistinctUnits } from './distinct-units.js';

/**
 * The most units held per arm and batch as having had the event: past it, in either arm, the
 * batch's events stop counting in both (the units are exact 32-bit numbers, a few MiB at most).
 */
export const MAX_EVENT_UNITS = 100_000;

/** One arm's counts in an upload: distinct units exposed, and units that had their batch's first event. */
export interface ArmCounts {
  exposures: number;
  events: number;
}

/** One entry of the body of `POST /api/v1/sdk/guard-counts`. */
export interface GuardCountsEntry {
  flag: string;
  batch: string;
  treatment: ArmCounts;
  control: ArmCounts;
}

function take(exposed: DistinctUnits, events: number): ArmCounts {
  const counts = { exposures: exposed.count(), events };
  exposed.clear();
  return counts;
}

/**
 * The counts of one guarded flag at one batch of its plan: for the interval under way, each
 * arm's distinct units exposed; and the units that had the guard's event for the first time in
 * the batch, so that a unit that keeps failing (a bot, a broken worker) counts one event per
 * batch, not one per interval, and cannot pass for many independent failures. Those units are
 * held exactly (a sketch's false positives would differ between arms of different sizes, and
 * bias the comparison), up to {@link MAX_EVENT_UNITS} per arm; once either arm reaches it,
 * neither counts the batch's events any more, so the loss falls on both alike.
 */
export class BatchCounts {
  readonly flag: string;
  readonly batch: string;
  /** The guard's event: the key that `track` counts for this flag. */
  event: string;
  readonly #treatmentExposed = new DistinctUnits();
  readonly #controlExposed = new DistinctUnits();
  /** The units that had the event in this batch, by arm. */
  readonly #treatmentFailed = new Set<number>();
  readonly #controlFailed = new Set<number>();
  /** The events counted in the interval under way: units new to their arm's set. */
  #treatmentEvents = 0;
  #controlEvents = 0;

  constructor(flag: string, guard: FlagGuard) {
    this.flag = flag;
    this.batch = guard.batch;
    this.event = guard.event;
  }

  /**
   * What compile's `onGuardedFlag` hands evaluation, called on every evaluation that reaches
   * the guarded rule: the whole cost of a guard per call, so it does no more than add the unit.
   */
  readonly expose: ExposureHook = (arm, unit) => {
    (arm === 'treatment' ? this.#treatmentExposed : this.#controlExposed).add(unit);
  };

  /**
   * Counts the guard's event for a unit of `arm`, unless the unit had it already in this batch.
   * Answers `false` when the event is lost to the bound: a unit new to its arm's set while
   * either arm's set is full.
   */
  countEvent(arm: GuardArm, unit: number): boolean {
    const failed = arm === 'treatment' ? this.#treatmentFailed : this.#controlFailed;
    if (failed.has(unit)) return true;
    if (this.#treatmentFailed.size >= MAX_EVENT_UNITS || this.#controlFailed.size >= MAX_EVENT_UNITS) return false;
    failed.add(unit);
    if (arm === 'treatment') this.#treatmentEvents++;
    else this.#controlEvents++;
    return true;
  }

  /** The interval's counts, `undefined` when all are zero; the next interval starts empty. */
  take(): GuardCountsEntry | undefined {
    const treatment = take(this.#treatmentExposed, this.#treatmentEvents);
    const control = take(this.#controlExposed, this.#controlEvents);
    this.#treatmentEvents = 0;
    this.#controlEvents = 0;
    const empty = treatment.exposures + treatment.events + control.exposures + control.events === 0;
    return empty ? undefined : { flag: this.flag, batch: this.batch, treatment, control };
  }
}
