import type { EvaluationReason, JsonValue } from '@rampart/core';

/** One flag's result as the client API sends it: evaluated on the server, never its rules. */
export interface FlagResult {
  enabled: boolean;
  variant: string | null;
  /** Boolean flags: `enabled`. Other types: the variant's value, absent when there is none. */
  value?: JsonValue;
  reason: EvaluationReason;
}

/** The body of `POST /api/v1/client/evaluate` and of each `flags` event of `/client/stream`. */
export interface FlagResults {
  version?: number;
  flags: Readonly<Record<string, FlagResult>>;
}

/**
 * - `initializing`: no answer from the server yet (bootstrap values, if any, are served);
 * - `ready`: results are live;
 * - `degraded`: the stream is down (reconnecting, or stopped because the key was refused);
 *   the last known results are served;
 * - `closed`: `close()` was called.
 */
export type FlagStatus = 'initializing' | 'ready' | 'degraded' | 'closed';

/** What `getSnapshot` returns: a new object on every change, the same one otherwise. */
export interface FlagSnapshot {
  readonly status: FlagStatus;
  /** True once values are known, from `bootstrap` or from the server. */
  readonly ready: boolean;
  /** By key; a flag whose `{ enabled, variant, value }` did not change keeps its object. */
  readonly flags: Readonly<Record<string, FlagResult>>;
}

/** A flat evaluation context, as the server takes it. */
export type FlagContext = Readonly<Record<string, string | number | boolean | null | undefined>>;
