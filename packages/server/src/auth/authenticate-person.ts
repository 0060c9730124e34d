import type { PersonalTokenRecord, SessionRecord, StoreReader, UserRecord } from '../store/store.js';
import { constantTimeEqual } from './digest.js';
import { personalTokenIdOf } from './person-secrets.js';

/** The name of the session cookie. */
export const SESSION_COOKIE = 'rampart_session';

type PeopleReader = Pick<StoreReader, 'getSession' | 'getUser' | 'getPersonalToken'>;

/**
 * The person a session cookie's token signs in, or `undefined` when the session is unknown,
 * expired, or its person is disabled or gone. Read from the store on every request, so that a
 * sign-out or a disabled account takes effect on every instance at once.
 *
 * @example
 * const signedIn = await personOfSession(store, await sha256Hex(cookie), new Date());
 */
export async function personOfSession(
  reader: PeopleReader,
  hash: string,
  now: Date,
): Promise<{ user: UserRecord; session: SessionRecord } | undefined> {
  const session = await reader.getSession(hash);
  if (session === undefined || session.expiresAt <= now.toISOString()) return undefined;
  const user = await reader.getUser(session.userId);
  return user === undefined || user.disabled ? undefined : { user, session };
}

/**
 * The person a personal access token acts for, or `undefined` when the token is unknown,
 * revoked, expired, or its owner is disabled or gone.
 *
 * @example
 * const acting = await personOfToken(store, 'rpt_…', sha256Hex, new Date());
 */
export async function personOfToken(
  reader: PeopleReader,
  presented: string,
  hash: (text: string) => string | Promise<string>,
  now: Date,
): Promise<{ user: UserRecord; token: PersonalTokenRecord } | undefined> {
  const id = personalTokenIdOf(presented);
  if (id === undefined) return undefined;
  const token = await reader.getPersonalToken(id);
  if (token === undefined || token.revokedAt !== null) return undefined;
  if (token.expiresAt !== null && token.expiresAt <= now.toISOString()) return undefined;
  if (!constantTimeEqual(await hash(presented), token.hash)) return undefined;
  const user = await reader.getUser(token.userId);
  return user === undefined || user.disabled ? undefined : { user, token };
}
