import type { ApiKeyRecord, StoreReader } from '../store/store.js';

export interface KeyCache extends Pick<StoreReader, 'getKey'> {
  /** Drops what is known of a key, and the secrets seen to prove it: called after every change to it on this instance. */
  forget(id: string): void;
  /** The live key that `secret` was seen to prove within the TTL; `undefined` when it must be checked again. */
  provenBy(secret: string): ApiKeyRecord | undefined;
  /** Notes that `secret` proved `record` (only successes are kept, so a wrong secret is always checked). */
  remember(secret: string, record: ApiKeyRecord): void;
}

export interface KeyCacheOptions {
  /** How long a key read from the store is trusted: the bound on a revocation made elsewhere. Default 2 000 ms. */
  ttlMs?: number;
  now(): number;
}

/**
 * Key records for authentication, read from the store at most once per key per `ttlMs`, and
 * the secrets seen to prove them, so that a key is hashed and compared at most once per
 * `ttlMs` too. Every SDK request is authenticated: a store read per request was most of the
 * cost of answering `/sdk/flags`, and then the hash was (`bench/README.md`). A key revoked on
 * this instance is forgotten at once, with its secrets; one revoked through another instance
 * stops working here within `ttlMs`. The secrets kept are those of requests served in the
 * last `ttlMs`, and only in this process's memory, as each request's own already is.
 *
 * @example
 * const keys = createKeyCache(store, { now: Date.now });
 * app.use('/api/v1/*', authorize(keys));
 */
export function createKeyCache(store: Pick<StoreReader, 'getKey'>, { ttlMs = 2_000, now }: KeyCacheOptions): KeyCache {
  const known = new Map<string, { record: ApiKeyRecord | undefined; until: number }>();
  const proven = new Map<string, { record: ApiKeyRecord; until: number }>();
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
      for (const [secret, entry] of proven) if (entry.record.id === id) proven.delete(secret);
    },
    provenBy(secret) {
      const entry = proven.get(secret);
      if (entry === undefined) return undefined;
      if (entry.until > now()) return entry.record;
      proven.delete(secret);
      return undefined;
    },
    remember(secret, record) {
      // Bounded like the records: at most one entry per key in use, in practice.
      if (proven.size >= 10_000) proven.clear();
      // Trusted no longer than the record it was checked against, so that the bound on seeing
      // a revocation made elsewhere stays `ttlMs`.
      proven.set(secret, { record, until: known.get(record.id)?.until ?? now() + ttlMs });
    },
  };
}
