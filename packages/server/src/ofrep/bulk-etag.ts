import type { EvaluationContext } from '@rampart/core';
import { sha256Hex } from '../auth/digest.js';
import type { KeyKind } from '../store/store.js';
import { stableJson } from '../base/stable-json.js';

/** What a bulk evaluation's answer depends on. */
export interface BulkEtagInput {
  environment: string;
  version: number;
  /** Client and server keys see different flags. */
  kind: KeyKind;
  context: EvaluationContext;
}

/**
 * The entity tag of a bulk evaluation: a hash of the environment, its version, the key kind
 * and the context in canonical JSON (key order does not matter). A change to the environment
 * or to the context gives a new tag, so `If-None-Match` can answer 304 only when the same
 * answer would be sent. Web Crypto only, so it runs wherever the app does.
 *
 * @example
 * await bulkEtag({ environment: 'production', version: 7, kind: 'client', context: { userId: '42' } });
 * // '"3f1c…"' (32 hex digits)
 */
export async function bulkEtag({ environment, version, kind, context }: BulkEtagInput): Promise<string> {
  const digest = await sha256Hex(stableJson([environment, version, kind, context]));
  return `"${digest.slice(0, 32)}"`;
}
