import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../bus/memory-bus.js';
import { createSilentLogger } from '../base/logger.js';
import { gatedStore } from '../test-support/gated-store.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import type { StoreReader } from '../store/store.js';
import { createEnvironmentCache, type EnvironmentCache, type EnvironmentUpdate } from './environment-cache.js';

let t: TestApp;
let cache: EnvironmentCache;
afterEach(async () => {
  cache.close();
  await t.close();
});

async function setUp() {
  t = await createTestApp();
  cache = createEnvironmentCache({ store: t.store, bus: t.bus, logger: createSilentLogger() });
  const updates: EnvironmentUpdate[] = [];
  cache.onUpdate((update) => updates.push(update));
  return updates;
}

async function nextUpdate(updates: EnvironmentUpdate[], count: number): Promise<void> {
  await expect.poll(() => updates.length, { timeout: 2_000, interval: 5 }).toBeGreaterThanOrEqual(count);
}

describe('environment cache', () => {
  it('loads an environment on first use, and nothing for one that does not exist', async () => {
    await setUp();
    await t.post('/api/v1/flags', { key: 'a' });
    const view = await cache.get('production');
    expect(view?.snapshot.flags.map((f) => f.key)).toEqual(['a']);
    expect(view?.compiled.flags.has('a')).toBe(true);
    expect(cache.peek('production')).toBe(view);
    expect(await cache.get('staging')).toBeUndefined();
  });

  it('follows the changes announced on the bus, telling what changed at each version', async () => {
    const updates = await setUp();
    const before = await cache.get('production');
    await t.post('/api/v1/flags', { key: 'a' });
    await nextUpdate(updates, 1);
    await t.post('/api/v1/flags/a/environments/production/revive', {});
    await nextUpdate(updates, 2);
    expect(updates.map((u) => [u.previous.version, u.current.version])).toEqual([
      [before?.version, (before?.version ?? 0) + 1],
      [(before?.version ?? 0) + 1, (before?.version ?? 0) + 2],
    ]);
    expect(updates[1]?.changes).toEqual([{ version: (before?.version ?? 0) + 2, flags: ['a'], segments: [] }]);
    expect(updates[1]?.current.compiled.flags.get('a')?.enabled).toBe(true);
  });

  it('catches up on changes whose messages were lost, at the next message', async () => {
    t = await createTestApp();
    // A bus that hears none of the app's announcements: as if every message were lost.
    const deafBus = createMemoryBus();
    cache = createEnvironmentCache({ store: t.store, bus: deafBus, logger: createSilentLogger() });
    const updates: EnvironmentUpdate[] = [];
    cache.onUpdate((update) => updates.push(update));
    const before = (await cache.get('production'))?.version ?? 0;
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/flags', { key: 'b' });
    expect(cache.peek('production')?.version).toBe(before);
    await deafBus.publish({ environment: 'production', version: before + 2 });
    await nextUpdate(updates, 1);
    expect(updates[0]?.changes.map((c) => c.flags)).toEqual([['a'], ['b']]);
    expect(updates[0]?.current.version).toBe(before + 2);
  });

  it('does not lose a change announced while the environment is first being loaded', async () => {
    t = await createTestApp();
    const gated = gatedStore(t.store);
    cache = createEnvironmentCache({ store: gated.store, bus: t.bus, logger: createSilentLogger() });
    const updates: EnvironmentUpdate[] = [];
    cache.onUpdate((update) => updates.push(update));
    const { reached, release } = gated.hold();
    const loading = cache.get('production');
    await reached;
    await t.post('/api/v1/flags', { key: 'a' });
    release();
    const loaded = await loading;
    await nextUpdate(updates, 1);
    expect(updates[0]?.previous).toBe(loaded);
    expect(updates[0]?.changes.map((c) => c.flags)).toEqual([['a']]);
    expect(cache.peek('production')?.snapshot.flags.map((f) => f.key)).toEqual(['a']);
  });

  it('rereads every loaded environment on resync', async () => {
    t = await createTestApp();
    cache = createEnvironmentCache({ store: t.store, bus: createMemoryBus(), logger: createSilentLogger() });
    const updates: EnvironmentUpdate[] = [];
    cache.onUpdate((update) => updates.push(update));
    await cache.get('production');
    await t.post('/api/v1/flags', { key: 'a' });
    expect(updates).toHaveLength(0);
    await cache.resync();
    expect(updates.map((u) => u.changes.map((c) => c.flags))).toEqual([[['a']]]);
  });
});

/** A cache over `store` that hears nothing, polls only when told to, and reads the time from `now`. */
function manualCache(store: StoreReader, now: () => number): EnvironmentCache {
  return createEnvironmentCache({ store, bus: createMemoryBus(), logger: createSilentLogger(), convergenceMs: 0, now });
}

describe('environment cache without the bus', () => {
  /** A cache that hears nothing (its own bus, which no write uses) and polls only when told to. */
  async function deafCache(now: () => number) {
    t = await createTestApp();
    cache = manualCache(t.store, now);
    const updates: EnvironmentUpdate[] = [];
    cache.onUpdate((update) => updates.push(update));
    return updates;
  }

  it('catches up by polling the store, with every change in order, when no message comes', async () => {
    const updates = await deafCache(Date.now);
    const before = (await cache.get('production'))?.version ?? 0;
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/flags/a/environments/production/revive', {});
    expect(cache.peek('production')?.version).toBe(before);
    await cache.poll();
    expect(cache.peek('production')?.version).toBe(before + 2);
    expect(updates.flatMap((u) => u.changes.map((c) => c.version))).toEqual([before + 1, before + 2]);
    expect(cache.peek('production')?.compiled.flags.get('a')?.enabled).toBe(true);
    // Nothing new: a poll changes nothing.
    await cache.poll();
    expect(updates).toHaveLength(1);
  });

  it('is fresh while polls succeed, and says why once none has for longer than the bound', async () => {
    let now = 1_000_000;
    let failing = false;
    t = await createTestApp();
    const store = t.store;
    const flaky = {
      ...store,
      listEnvironments: () =>
        failing ? Promise.reject(new Error('no answer within 6000 ms')) : store.listEnvironments(),
    };
    cache = manualCache(flaky, () => now);
    await cache.get('production');
    expect(cache.freshness()).toEqual({ ok: true });
    failing = true;
    now += 1_500;
    await cache.poll();
    expect(cache.freshness()).toEqual({ ok: true });
    now += 600;
    expect(cache.freshness()).toEqual({
      ok: false,
      reason: 'this instance has not caught up with the store for 2.1 s (bound 2 s): no answer within 6000 ms',
    });
    failing = false;
    await cache.poll();
    expect(cache.freshness()).toEqual({ ok: true });
  });

  it('tells its listeners once when the view falls behind, and again after it recovered and fell behind again', async () => {
    let now = 0;
    let failing = true;
    t = await createTestApp();
    const store = t.store;
    const flaky = {
      ...store,
      listEnvironments: () => (failing ? Promise.reject(new Error('stalled')) : store.listEnvironments()),
    };
    cache = manualCache(flaky, () => now);
    const told: string[] = [];
    cache.onStale((reason) => told.push(reason));
    await cache.poll();
    expect(told).toEqual([]);
    now += 2_001;
    await cache.poll();
    await cache.poll();
    expect(told).toEqual([expect.stringContaining('stalled')]);
    failing = false;
    await cache.poll();
    failing = true;
    now += 2_001;
    await cache.poll();
    expect(told).toHaveLength(2);
  });

  it('is not made stale by a schedule that did not run, only by a store that fails or does not answer', async () => {
    let now = 0;
    t = await createTestApp();
    const store = t.store;
    let hang = false;
    const slow = {
      ...store,
      listEnvironments: () => (hang ? new Promise<never>(() => undefined) : store.listEnvironments()),
    };
    cache = manualCache(slow, () => now);
    await cache.poll();
    // Ten seconds without a poll (a busy process): no evidence of falling behind.
    now += 10_000;
    expect(cache.freshness()).toEqual({ ok: true });
    hang = true;
    void cache.poll();
    now += 1_000;
    expect(cache.freshness()).toEqual({ ok: true });
    now += 1_500;
    expect(cache.freshness()).toEqual({
      ok: false,
      reason:
        'this instance has not caught up with the store for 12.5 s (bound 2 s): the store has not answered for 2.5 s',
    });
  });

  it('is not fresh when it reads the versions but cannot catch an environment up', async () => {
    let now = 0;
    t = await createTestApp();
    const store = t.store;
    let snapshotsFail = false;
    const flaky = {
      ...store,
      getSnapshot: (environment: string) =>
        snapshotsFail ? Promise.reject(new Error('connection lost')) : store.getSnapshot(environment),
    };
    cache = manualCache(flaky, () => now);
    await cache.get('production');
    await t.post('/api/v1/flags', { key: 'a' });
    snapshotsFail = true;
    now += 2_500;
    await cache.poll();
    expect(cache.freshness()).toMatchObject({
      ok: false,
      reason: expect.stringContaining("could not catch up environment 'production'"),
    });
    snapshotsFail = false;
    await cache.poll();
    expect(cache.freshness()).toEqual({ ok: true });
    expect(cache.peek('production')?.compiled.flags.has('a')).toBe(true);
  });
});
