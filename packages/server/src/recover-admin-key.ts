import type { WriteDeps } from './change/write-deps.js';
import { createKey, type CreatedKey } from './keys/index.js';

/** Who the audit log says made a key created by `rampart-server create-admin-key`. */
export const RECOVERY_ACTOR = 'rampart-server create-admin-key';

/**
 * Creates a new admin key straight in the store, for when every admin key is lost: whoever
 * can reach the server's database may do it, so it needs no key. Audited as
 * {@link RECOVERY_ACTOR}; the secret is returned once and only its hash is stored.
 *
 * @example
 * const { secret } = await recoverAdminKey(deps, 'alice (recovery)');
 */
export function recoverAdminKey(deps: WriteDeps, name: string): Promise<CreatedKey> {
  return createKey(deps, RECOVERY_ACTOR, { kind: 'admin', name });
}
