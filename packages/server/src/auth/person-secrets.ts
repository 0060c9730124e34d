import { randomBase64Url, randomId, type RandomSource } from '../base/random.js';

/** Personal access tokens start with this, as keys start with `rpa_`, `rps_` and `rpc_`. */
export const PERSONAL_TOKEN_PREFIX = 'rpt_';
/** Invitation tokens start with this. */
export const INVITATION_PREFIX = 'rpi_';

/**
 * A personal access token: `rpt_<id>_<256 random bits, base64url>`. The id is public (it names
 * the token in the API and finds its record); only the whole token authenticates.
 *
 * @example
 * const { id, token } = newPersonalToken(cryptoRandom);
 */
export function newPersonalToken(random: RandomSource): { id: string; token: string } {
  const id = randomId(random, 16);
  return { id, token: `${PERSONAL_TOKEN_PREFIX}${id}_${randomBase64Url(random, 32)}` };
}

/**
 * The id a presented personal access token claims, or `undefined` when it is not one.
 *
 * @example
 * personalTokenIdOf('rpt_abc_xyz'); // 'abc'
 */
export function personalTokenIdOf(token: string): string | undefined {
  return /^rpt_([a-z2-7]{16})_[A-Za-z0-9_-]{43}$/.exec(token)?.[1];
}

/**
 * 256 random bits as base64url, with an optional prefix: session cookies and invitations.
 *
 * @example
 * newSecret(cryptoRandom, INVITATION_PREFIX); // 'rpi_Xq1…'
 */
export function newSecret(random: RandomSource, prefix = ''): string {
  return `${prefix}${randomBase64Url(random, 32)}`;
}
