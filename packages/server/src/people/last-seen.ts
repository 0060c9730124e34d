import type { Clock } from '../base/clock.js';
import type { Logger } from '../base/logger.js';
import type { Store } from '../store/store.js';

/** How often a person's (and a token's) last use is written, at most. */
export const LAST_SEEN_EVERY_MS = 60_000;

/**
 * Records when a person (and the token they used) was last seen: at most once a minute per
 * person and token, in the background, so that a request never waits on it nor fails for it.
 *
 * @example
 * const seen = createLastSeen({ store, clock, logger });
 * seen({ userId, tokenId });
 */
export function createLastSeen(deps: { store: Store; clock: Clock; logger: Logger }) {
  const written = new Map<string, number>();
  return (seen: { userId: string; tokenId?: string | undefined }): void => {
    const now = deps.clock.now();
    const key = `${seen.userId}:${seen.tokenId ?? ''}`;
    const last = written.get(key);
    if (last !== undefined && now.getTime() - last < LAST_SEEN_EVERY_MS) return;
    if (written.size >= 10_000) written.clear();
    written.set(key, now.getTime());
    const at = now.toISOString();
    deps.store
      .transaction(async (tx) => {
        const user = await tx.getUser(seen.userId);
        if (user !== undefined) await tx.updateUser({ ...user, lastSeenAt: at });
        const token = seen.tokenId === undefined ? undefined : await tx.getPersonalToken(seen.tokenId);
        if (token !== undefined) await tx.updatePersonalToken({ ...token, lastUsedAt: at });
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not record when a person was last seen'));
  };
}
