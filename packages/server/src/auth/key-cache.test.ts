import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '../store/store.js';
import { createKeyCache } from './key-cache.js';

function store(initial: ApiKeyRecord) {
  let current: ApiKeyRecord | undefined = initial;
  let reads = 0;
  return {
    reader: {
      getKey: async (id: string) => {
        reads++;
        return id === initial.id ? current : undefined;
      },
    },
    revoke: () => (current = { ...initial, revokedAt: '2030-01-01T00:00:00.000Z' }),
    reads: () => reads,
  };
}

const key: ApiKeyRecord = {
  id: 'k1',
  kind: 'server',
  environment: 'production',
  name: 'sdk',
  hash: 'ab',
  createdAt: '2030-01-01T00:00:00.000Z',
  revokedAt: null,
};

describe('key cache', () => {
  it('reads a key from the store once per TTL', async () => {
    let now = 0;
    const s = store(key);
    const cache = createKeyCache(s.reader, { ttlMs: 2_000, now: () => now });
    for (let i = 0; i < 5; i++) expect(await cache.getKey('k1')).toEqual(key);
    expect(await cache.getKey('nope')).toBeUndefined();
    expect(await cache.getKey('nope')).toBeUndefined();
    expect(s.reads()).toBe(2);
    now = 2_001;
    await cache.getKey('k1');
    expect(s.reads()).toBe(3);
  });

  it('sees a revocation made elsewhere once the TTL has passed', async () => {
    let now = 0;
    const s = store(key);
    const cache = createKeyCache(s.reader, { ttlMs: 2_000, now: () => now });
    await cache.getKey('k1');
    s.revoke();
    now = 1_999;
    expect((await cache.getKey('k1'))?.revokedAt).toBeNull();
    now = 2_000;
    expect((await cache.getKey('k1'))?.revokedAt).not.toBeNull();
  });

  it('forgets a key at once when told', async () => {
    const s = store(key);
    const cache = createKeyCache(s.reader, { ttlMs: 60_000, now: () => 0 });
    await cache.getKey('k1');
    s.revoke();
    cache.forget('k1');
    expect((await cache.getKey('k1'))?.revokedAt).not.toBeNull();
  });

  it('remembers a secret that proved a key no longer than the record it was checked against', async () => {
    let now = 0;
    const s = store(key);
    const cache = createKeyCache(s.reader, { ttlMs: 2_000, now: () => now });
    expect(cache.provenBy('rps_secret')).toBeUndefined();
    await cache.getKey('k1');
    now = 1_500;
    cache.remember('rps_secret', key);
    expect(cache.provenBy('rps_secret')).toEqual(key);
    expect(cache.provenBy('rps_other')).toBeUndefined();
    now = 1_999;
    expect(cache.provenBy('rps_secret')).toEqual(key);
    now = 2_000;
    expect(cache.provenBy('rps_secret')).toBeUndefined();
  });

  it('forgets the secrets of a key with the key', async () => {
    const s = store(key);
    const cache = createKeyCache(s.reader, { ttlMs: 60_000, now: () => 0 });
    const other = { ...key, id: 'k2' };
    cache.remember('rps_one', key);
    cache.remember('rps_two', other);
    cache.forget('k1');
    expect(cache.provenBy('rps_one')).toBeUndefined();
    expect(cache.provenBy('rps_two')).toEqual(other);
  });
});
