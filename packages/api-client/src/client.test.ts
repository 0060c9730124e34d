import { bootstrap, createApp, createMemoryBus, createSilentLogger, systemClock } from '@rampart/server';
import { createSqliteStore } from '@rampart/server/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRampartClient, RampartApiError, unwrap, type RampartClient } from './index.js';

describe('createRampartClient', () => {
  let close: () => Promise<void>;
  let client: RampartClient;
  let app: ReturnType<typeof createApp>;
  let adminKey: string;
  beforeEach(async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    const deps = { store, bus: createMemoryBus(), clock: systemClock, logger: createSilentLogger() };
    app = createApp(deps);
    const { adminKey: key } = await bootstrap({ ...deps, random: (bytes) => crypto.getRandomValues(bytes) });
    if (key.source !== 'generated') throw new Error('expected a generated admin key');
    adminKey = key.secret;
    client = createRampartClient({
      baseUrl: 'http://rampart.test/',
      token: adminKey,
      fetch: async (r) => app.fetch(r),
    });
    close = () => store.close();
  });
  afterEach(() => close());

  it('sends the token and reads typed answers', async () => {
    const created = await unwrap(client.POST('/api/v1/flags', { body: { key: 'new-checkout', tags: ['checkout'] } }));
    expect(created.key).toBe('new-checkout');
    const { flags } = await unwrap(client.GET('/api/v1/flags', { params: { query: { tag: 'checkout' } } }));
    expect(flags.map((flag) => flag.key)).toEqual(['new-checkout']);
  });

  it("throws the API's error, with the field it names", async () => {
    const failure = await unwrap(client.POST('/api/v1/flags', { body: { key: 'has space' } })).catch((e) => e);
    expect(failure).toBeInstanceOf(RampartApiError);
    expect(failure).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(failure.details.map((detail: { path: string }) => detail.path)).toContain('key');
    const missing = await unwrap(client.GET('/api/v1/flags/{key}', { params: { path: { key: 'nope' } } })).catch(
      (e) => e,
    );
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('without a token, the API refuses', async () => {
    const anonymous = createRampartClient({ baseUrl: 'http://rampart.test', fetch: async (r) => app.fetch(r) });
    await expect(unwrap(anonymous.GET('/api/v1/flags'))).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('gives up on a server that does not answer, as unreachable', async () => {
    const silent = createRampartClient({
      baseUrl: 'http://rampart.test',
      timeoutMs: 50,
      fetch: (request) =>
        new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason))),
    });
    await expect(unwrap(silent.GET('/api/v1/flags'))).rejects.toMatchObject({
      status: 0,
      code: 'unreachable',
      message: 'the server did not answer in time',
    });
  });

  it('reports a refused connection as unreachable', async () => {
    const nowhere = createRampartClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 5_000 });
    await expect(unwrap(nowhere.GET('/api/v1/flags'))).rejects.toMatchObject({ status: 0, code: 'unreachable' });
  });
});
