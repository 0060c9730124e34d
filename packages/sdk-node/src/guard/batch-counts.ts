import type { ExposureHook, FlagGuard, GuardArm } from '@rampart/core';
import { DistinctUnits } from './distinct-units.js';

/** One arm's counts in an upload: distinct units exposed, and distinct units that had the event. */
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

function take(exposed: DistinctUnits, withEvent: DistinctUnits): ArmCounts {
  const counts = { exposures: exposed.count(), events: withEvent.count() };
  exposed.clear();
  withEvent.clear();
  return counts;
}

/**
 * The counts of one guarded flag at one batch of its plan, for the interval under way: each
 * arm's distinct units exposed, and distinct units that had the guard's event.
 */
export class BatchCounts {
  readonly flag: string;
  readonly batch: string;
  /** The guard's event: the key that `track` counts for this flag. */
  event: string;
  readonly #treatmentExposed = new DistinctUnits();
  readonly #controlExposed = new DistinctUnits();
  readonly #treatmentEvents = new DistinctUnits();
  readonly #controlEvents = new DistinctUnits();

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

  /** Counts the guard's event for a unit of `arm`. */
  countEvent(arm: GuardArm, unit: number): void {
    (arm === 'treatment' ? this.#treatmentEvents : this.#controlEvents).add(unit);
  }

  /** The interval's counts, `undefined` when all are zero; the next interval starts empty. */
  take(): GuardCountsEntry | undefined {
    const treatment = take(this.#treatmentExposed, this.#treatmentEvents);
    const control = take(this.#controlExposed, this.#controlEvents);
    const empty = treatment.exposures + treatment.events + control.exposures + control.events === 0;
    return empty ? undefined : { flag: this.flag, batch: this.batch, treatment, control };
  }
}
