import type { RandomSource } from '../base/random.js';
import { randomBase64Url, randomId } from '../base/random.js';
import type { KeyKind } from '../store/store.js';

export const KEY_PREFIXES: Readonly<Record<KeyKind, string>> = { admin: 'rpa_', server: 'rps_', client: 'rpc_' };

/** The id under which a key given by `RAMPART_ADMIN_TOKEN` is stored; its text has no id of its own. */
export const TOKEN_KEY_ID = 'admin-token';

export interface NewKeySecret {
  id: string;
  secret: string;
}

/**
 * Makes a key: `<prefix><id>_<256 random bits, base64url>`. The id is public (it names the key
 * in the API and lets the server find the record); only the whole secret authenticates.
 *
 * @example
 * const { id, secret } = generateKeySecret('server', random); // secret: 'rps_<id>_<random>'
 */
export function generateKeySecret(kind: KeyKind, random: RandomSource): NewKeySecret {
  const id = randomId(random, 16);
  return { id, secret: `${KEY_PREFIXES[kind]}${id}_${randomBase64Url(random, 32)}` };
}

/**
 * The id a presented secret claims, or `undefined` when it is not in the generated format.
 *
 * @example
 * keyIdOf('rpa_abc_xyz'); // 'abc'
 */
export function keyIdOf(secret: string): string | undefined {
  const match = /^rp[asc]_([a-z2-7]{1,64})_[A-Za-z0-9_-]+$/.exec(secret);
  return match?.[1];
}
