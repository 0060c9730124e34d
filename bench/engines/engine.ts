import type { BenchContext } from '../contexts';
import type { FlagKey } from '../flags';

/** An engine configured with the three flags and holding its own form of every context. */
export interface EngineInstance {
  /**
   * Evaluates one flag for every context and returns how many were admitted. The count is
   * both the reported share and the sink that keeps the evaluations from being optimised out.
   */
  pass(flagKey: FlagKey): number;
  /** Untimed: each context's decision (1 = on), to compare cohorts across engines. */
  decisions(flagKey: FlagKey): Uint8Array;
  close(): void;
}

/**
 * Configures an engine and converts the neutral contexts to the shape its API takes; the
 * conversion happens here, before any timing, so only evaluation is measured.
 */
export type CreateEngine = (contexts: readonly BenchContext[]) => Promise<EngineInstance>;

/**
 * Wraps an engine's single-evaluation call in the loop that every engine shares, so all of
 * them pay the same per-call overhead (one closure call) on top of their own work.
 */
export function bindEngine<C>(
  contexts: readonly C[],
  isOn: (flagKey: FlagKey, context: C) => boolean,
  close: () => void = () => {},
): EngineInstance {
  return {
    pass(flagKey) {
      let admitted = 0;
      for (const context of contexts) {
        if (isOn(flagKey, context)) admitted++;
      }
      return admitted;
    },
    decisions(flagKey) {
      const out = new Uint8Array(contexts.length);
      contexts.forEach((context, i) => {
        out[i] = isOn(flagKey, context) ? 1 : 0;
      });
      return out;
    },
    close,
  };
}
