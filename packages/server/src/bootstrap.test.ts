import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticate } from './auth/authenticate.js';
import { bootstrap } from './bootstrap.js';
import { createSilentLogger } from './base/logger.js';
import { createMemoryBus } from './bus/memory-bus.js';
import { createSqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';
import { createTestClock } from './test-support/test-app.js';

describe('first start', () => {
  let store: Store;
  const deps = () => ({
    store,
    bus: createMemoryBus(),
    clock: createTestClock(),
    logger: createSilentLogger(),
    random: (b: Uint8Array) => crypto.getRandomValues(b),
  });
  beforeEach(() => {
    store = createSqliteStore({ filename: ':memory:' });
  });
  afterEach(() => store.close());

  it('creates development, production and a generated admin key once', async () => {
    const first = await bootstrap(deps());
    expect(first.createdEnvironments).toEqual(['development', 'production']);
    if (first.adminKey.source !== 'generated')
      throw new Error(`expected a generated key, got ${first.adminKey.source}`);
    expect(await authenticate(store, first.adminKey.secret)).toMatchObject({ kind: 'admin', name: 'admin' });
    const second = await bootstrap(deps());
    expect(second).toEqual({ adminKey: { source: 'existing', tokenIgnored: false }, createdEnvironments: [] });
    expect(await store.listKeys()).toHaveLength(1);
    const actions = (await store.listAudit({ limit: 10 })).entries.map((e) => `${e.actor}:${e.action}`);
    expect(actions).toEqual(['rampart:key.created', 'rampart:environment.created', 'rampart:environment.created']);
  });

  it('uses RAMPART_ADMIN_TOKEN as the first admin key, in any format', async () => {
    const token = 'my-own-long-admin-token-0123456789';
    expect((await bootstrap(deps(), { adminToken: token })).adminKey).toEqual({ source: 'token' });
    expect(await authenticate(store, token)).toMatchObject({ kind: 'admin', id: 'admin-token' });
    expect(await authenticate(store, `${token}x`)).toBeUndefined();
    expect((await bootstrap(deps(), { adminToken: token })).adminKey).toEqual({
      source: 'existing',
      tokenIgnored: false,
    });
    expect((await bootstrap(deps(), { adminToken: 'another-token-that-is-long-enough' })).adminKey).toEqual({
      source: 'existing',
      tokenIgnored: true,
    });
  });

  it('refuses a short RAMPART_ADMIN_TOKEN before changing anything', async () => {
    await expect(bootstrap(deps(), { adminToken: 'short' })).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await store.listEnvironments()).toEqual([]);
  });
});
