import type {
  EvaluationContext,
  EvaluationReason,
  EvaluationResult,
  FlagValue,
  SdkError,
  SdkStatus,
} from '@rampart/core';

export interface ClientEvents {
  /** `ready()` settled: with the server's flags, or `degraded` (bootstrap, cache or defaults). */
  ready: { status: 'ready' | 'degraded' };
  /** New flags arrived; `flags` names those whose answers may differ. */
  change: { version: number; flags: string[] };
  error: SdkError;
  status: { status: SdkStatus; previous: SdkStatus };
}

export interface VariantResult {
  key: string;
  value: FlagValue | undefined;
  /** `false` with the flag's default variant, which is served when no rule matched (reason `DEFAULT`). */
  enabled: boolean;
  reason: EvaluationReason;
}

export interface RampartClient {
  /** Resolves once the server's flags are loaded, or after `timeoutMs` with `degraded`. Never rejects. */
  ready(): Promise<'ready' | 'degraded'>;
  isEnabled(flagKey: string, context?: EvaluationContext): boolean;
  getVariant(flagKey: string, context?: EvaluationContext): VariantResult | null;
  /**
   * The flag's value when it is on, or its default variant's when no rule matched, if it has one
   * of the default's type; else `defaultValue`.
   */
  getValue<T extends FlagValue>(flagKey: string, context: EvaluationContext | undefined, defaultValue: T): T;
  evaluate(flagKey: string, context?: EvaluationContext): EvaluationResult;
  /**
   * Records that `eventKey` (an error, say) happened to the unit of `context`, for the guards of
   * guarded release plans: each flag whose guard watches `eventKey` counts the unit in the arm
   * of the guarded rule that the context is in, once per upload interval; a context with no arm
   * (the rule does not match it, an earlier rule decides, the flag is off) counts nowhere. Only
   * units count, so `value` is accepted and ignored by guards. Synchronous, local, never throws.
   */
  track(eventKey: string, context?: EvaluationContext, value?: number): void;
  /**
   * `initializing` until the server's flags arrive; `ready` while they are live (the stream is
   * open, or a poll succeeded while it is down); `degraded` from the moment the stream breaks
   * until it reopens or a poll succeeds, when `ready()` timed out, or for good on a refused
   * key; `closed` after `close()`. The `status` event announces each change.
   */
  readonly status: SdkStatus;
  /** The version of the flags answered from, when they came from the server. */
  readonly version: number | undefined;
  on<K extends keyof ClientEvents>(name: K, listener: (payload: ClientEvents[K]) => void): () => void;
  /** Closes the stream, timers and sockets; evaluation goes on answering from the last flags. */
  close(): Promise<void>;
}
