import type { ApiKeyRecord, StoreReader } from '../store/store.js';
import { constantTimeEqual, sha256Hex } from './digest.js';
import { keyIdOf, TOKEN_KEY_ID } from './key-secret.js';

/**
 * The live key that `secret` proves, or `undefined`. The record is found by the id the secret
 * claims (or, for a `RAMPART_ADMIN_TOKEN` key, by its fixed id), then the digests are compared
 * in constant time. `hash` is SHA-256 as hex (Web Crypto's by default).
 *
 * @example
 * const key = await authenticate(store, 'rpa_abc..._xyz...');
 */
export async function authenticate(
  reader: Pick<StoreReader, 'getKey'>,
  secret: string,
  hash: (text: string) => string | Promise<string> = sha256Hex,
): Promise<ApiKeyRecord | undefined> {
  const digest = await hash(secret);
  const claimed = keyIdOf(secret);
  const ids = claimed === undefined || claimed === TOKEN_KEY_ID ? [TOKEN_KEY_ID] : [claimed, TOKEN_KEY_ID];
  let found: ApiKeyRecord | undefined;
  for (const id of ids) {
    const record = await reader.getKey(id);
    if (record === undefined || record.revokedAt !== null) continue;
    if (constantTimeEqual(digest, record.hash)) found = record;
  }
  return found;
}
