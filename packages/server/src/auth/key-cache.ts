import type { ApiKeyRecord, StoreReader } from '../store/store.js';

export interface KeyCache extends Pick<StoreReader, 'getKey'> {
  /** Drops what is known of a key: called after every change to it on this instance. */
  forget(id: string): void;
}

export interface KeyCacheOptions {
  /** How long a key read from the store is trusted: the bound on a revocation made elsewhere. Default 2 000 ms. */
  ttlMs?: number;
  now(): number;
}

/**
 * Key records for authentication, read from the store at most once per key per `ttlMs`.
 * Every SDK request is authenticated, and a store read per request was most of the cost of
 * answering `/sdk/flags`. A key revoked on this instance is forgotten at once; one revoked
 * through another instance stops working here within `ttlMs`.
 *
 * @example
 * const keys = createKeyCache(store, { now: Date.now });
 * app.use('/api/v1/*', authorize(keys));
 */
export function createKeyCache(store: Pick<StoreReader, 'getKey'>, { ttlMs = 2_000, now }: KeyCacheOptions): KeyCache {
  const known = new Map<string, { record: ApiKeyRecord | undefined; until: number }>();
  return {
    async getKey(id) {
      const cached = known.get(id);
      if (cached !== undefined && cached.until > now()) return cached.record;
      const record = await store.getKey(id);
      // Bounded by the number of ids asked about; unknown ids are rare (a typo, a scan), but
      // keep the map from growing without end under a scan.
      if (known.size >= 10_000) known.clear();
      known.set(id, { record, until: now() + ttlMs });
      return record;
    },
    forget(id) {
      known.delete(id);
    },
  };
}
