import type { EngineInstance } from './engines/engine';
import type { FlagKey } from './flags';

export interface MeasureOptions {
  /** Untimed passes over every context, per flag, before timing starts. */
  warmupPasses: number;
  /** Timed passes per flag; the median is reported. */
  timedPasses: number;
  /**
   * A timed pass goes over the contexts as many times as it takes to last at least this long
   * (counted once, after warm-up, from the fastest of three rounds): a single round of a
   * constant flag lasts about 1 ms, too short to time steadily on a shared machine.
   */
  minPassMs: number;
}

export interface FlagMeasurement {
  flag: FlagKey;
  /** Median timed pass divided by the number of evaluations in it. */
  nsPerOp: number;
  /** How many times each timed pass went over the contexts. */
  rounds: number;
  /** With several runs merged: each run's median, in run order. */
  runMediansNsPerOp?: number[];
  /** Every timed pass, in ns per evaluation, in run order. */
  passesNsPerOp: number[];
  admitted: number;
  /** Each context's decision, one byte each, base64: lets the driver compare cohorts. */
  decisions: string;
  /** False when a timed pass admitted a different number of contexts than the first pass. */
  stable: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const upper = sorted[middle] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

function count(decisions: Uint8Array): number {
  let admitted = 0;
  for (const decision of decisions) admitted += decision;
  return admitted;
}

/**
 * How many rounds over the contexts make a pass of at least `minPassMs`, judged by the fastest
 * of three rounds, so that one slow round (a collection, a recompilation) does not shorten
 * every pass.
 */
function calibrate(engine: EngineInstance, flag: FlagKey, minPassMs: number): number {
  let fastestMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    engine.pass(flag);
    fastestMs = Math.min(fastestMs, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Math.max(1, Math.ceil(minPassMs / Math.max(fastestMs, 1e-3)));
}

/**
 * Warms the engine up on all the flags (so call sites see every flag before timing, as in an
 * application), then times passes round-robin across the flags, collecting garbage before
 * each pass so one pass's garbage is not charged to the next.
 */
export function measure(
  engine: EngineInstance,
  flags: readonly FlagKey[],
  contextCount: number,
  { warmupPasses, timedPasses, minPassMs }: MeasureOptions,
): FlagMeasurement[] {
  const decisions = flags.map((flag) => engine.decisions(flag));
  for (let i = 0; i < warmupPasses; i++) {
    for (const flag of flags) engine.pass(flag);
  }
  const rounds = flags.map((flag) => calibrate(engine, flag, minPassMs));
  const times = flags.map((): number[] => []);
  const stable = flags.map(() => true);
  for (let pass = 0; pass < timedPasses; pass++) {
    flags.forEach((flag, f) => {
      const expected = count(decisions[f] ?? new Uint8Array());
      const passRounds = rounds[f] ?? 1;
      globalThis.gc?.();
      let admitted = 0;
      const start = process.hrtime.bigint();
      for (let round = 0; round < passRounds; round++) admitted += engine.pass(flag);
      const elapsed = process.hrtime.bigint() - start;
      times[f]?.push(Number(elapsed) / (contextCount * passRounds));
      if (admitted !== expected * passRounds) stable[f] = false;
    });
  }
  return flags.map((flag, f) => {
    const own = decisions[f] ?? new Uint8Array();
    const passes = times[f] ?? [];
    return {
      flag,
      nsPerOp: median(passes),
      rounds: rounds[f] ?? 1,
      passesNsPerOp: passes,
      admitted: count(own),
      decisions: Buffer.from(own).toString('base64'),
      stable: stable[f] ?? false,
    };
  });
}
