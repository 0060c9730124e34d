import type { SessionRecord, SignInMethod, StoreWriter } from '../store/store.js';

/**
 * Opens a session in `tx`: ends the one this browser had (`previous`, the hash of the cookie it
 * sent: a session id is never carried across a sign-in), clears expired ones, and stores the
 * new one under the hash of its token.
 *
 * @example
 * const session = await openSession(tx, { hash, userId, method: 'password', at, ttlMs, previous });
 */
export async function openSession(
  tx: StoreWriter,
  input: {
    hash: string;
    userId: string;
    method: SignInMethod;
    at: string;
    ttlMs: number;
    previous: string | undefined;
  },
): Promise<SessionRecord> {
  await tx.deleteExpired(input.at);
  if (input.previous !== undefined) await tx.deleteSession(input.previous);
  const session: SessionRecord = {
    hash: input.hash,
    userId: input.userId,
    method: input.method,
    createdAt: input.at,
    expiresAt: new Date(Date.parse(input.at) + input.ttlMs).toISOString(),
    lastSeenAt: input.at,
  };
  await tx.insertSession(session);
  return session;
}
