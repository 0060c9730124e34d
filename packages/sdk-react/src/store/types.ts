import type { FlagResult, SdkStatus } from '@rampart/core/sdk';

/** What `getSnapshot` returns: a new object on every change, the same one otherwise. */
export interface FlagSnapshot {
  readonly status: SdkStatus;
  /** True once values are known, from `bootstrap` or from the server. */
  readonly ready: boolean;
  /** By key; a flag whose `{ enabled, variant, value }` did not change keeps its object. */
  readonly flags: Readonly<Record<string, FlagResult>>;
}
