import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeServer, off, on } from '../test-support/fake-server';
import { createFlagStore } from './flag-store';

afterEach(() => {
  vi.restoreAllMocks();
});

const options = { url: 'https://flags.example/', clientKey: 'rpc_test' };

describe('createFlagStore', () => {
  it('serves bootstrap values before any connection and connects only on the first subscribe', () => {
    const server = createFakeServer();
    const store = createFlagStore({
      ...options,
      platform: server.platform,
      bootstrap: { version: 3, flags: { a: on() } },
    });
    expect(store.getSnapshot()).toMatchObject({ ready: true, status: 'initializing', flags: { a: { enabled: true } } });
    expect(server.requests).toHaveLength(0);
    const off1 = store.subscribe(() => undefined);
    const off2 = store.subscribe(() => undefined);
    expect(server.requests).toHaveLength(1);
    off1();
    off2();
  });

  it('asks for the context in base64url JSON and passes the client key as ?key=', () => {
    const server = createFakeServer();
    const store = createFlagStore({ ...options, context: { userId: 'é/42?', plan: 'pro' }, platform: server.platform });
    const stop = store.subscribe(() => undefined);
    expect(server.last.url).toMatch(
      /^https:\/\/flags\.example\/api\/v1\/client\/stream\?context=[A-Za-z0-9_-]+&key=rpc_test$/,
    );
    // Keys sorted, so equal contexts give one URL.
    expect(server.last.context).toEqual({ plan: 'pro', userId: 'é/42?' });
    expect(server.last.key).toBe('rpc_test');
    stop();
  });

  it('keeps the object of each flag whose enabled, variant and value did not change', async () => {
    const server = createFakeServer();
    const store = createFlagStore({ ...options, platform: server.platform });
    const stop = store.subscribe(() => undefined);
    server.last.sendFlags({ a: on('blue', 'blue'), b: on() });
    await vi.waitFor(() => expect(store.status).toBe('ready'));
    const first = store.getSnapshot();
    server.last.sendFlags({ a: { ...on('blue', 'blue'), reason: 'SPLIT' }, b: off() }, 2);
    await vi.waitFor(() => expect(store.getSnapshot()).not.toBe(first));
    expect(store.getSnapshot().flags.a).toBe(first.flags.a);
    expect(store.getSnapshot().flags.b).toEqual(off());
    stop();
  });

  it('re-opens the stream once when the context changes by value, and not when it does not', () => {
    const server = createFakeServer();
    const store = createFlagStore({ ...options, context: { userId: '1', plan: 'pro' }, platform: server.platform });
    const stop = store.subscribe(() => undefined);
    store.setContext({ plan: 'pro', userId: '1' });
    expect(server.requests).toHaveLength(1);
    store.setContext({ userId: '2', plan: 'pro' });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.aborted).toBe(true);
    expect(server.last.context).toEqual({ plan: 'pro', userId: '2' });
    stop();
  });

  it('closes the stream when the last listener leaves and opens a new one for the next', () => {
    const server = createFakeServer();
    const store = createFlagStore({ ...options, platform: server.platform });
    const stop = store.subscribe(() => undefined);
    stop();
    expect(server.last.aborted).toBe(true);
    const again = store.subscribe(() => undefined);
    expect(server.requests).toHaveLength(2);
    expect(server.last.aborted).toBe(false);
    again();
  });

  it('logs one clear error naming the expected key kind when the key is refused, and never retries', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = createFakeServer(() => 401);
    const store = createFlagStore({ ...options, platform: server.platform, bootstrap: { flags: { a: on() } } });
    const stop = store.subscribe(() => undefined);
    await vi.waitFor(() => expect(store.status).toBe('degraded'));
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]?.[0])).toMatch(/refused the client key \(HTTP 401\).*rpc_/);
    stop();
    store.subscribe(() => undefined)();
    store.setContext({ userId: 'other' });
    expect(server.requests).toHaveLength(1);
    expect(store.getSnapshot().flags.a?.enabled).toBe(true);
  });

  it('keeps serving the last results while the stream is down and reconnects by itself', async () => {
    const server = createFakeServer();
    const store = createFlagStore({ ...options, platform: { ...server.platform, random: () => 0 } });
    const statuses: string[] = [];
    const stop = store.subscribe(() => statuses.push(store.status));
    server.last.sendFlags({ a: on() });
    await vi.waitFor(() => expect(store.status).toBe('ready'));
    server.last.end();
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    expect(store.getSnapshot()).toMatchObject({ status: 'degraded', flags: { a: { enabled: true } } });
    server.last.sendFlags({ a: off() }, 2);
    await vi.waitFor(() => expect(store.getSnapshot().flags.a?.enabled).toBe(false));
    expect(statuses).toEqual(['ready', 'degraded', 'ready']);
    stop();
  });

  it('never connects without a window, as during server rendering', () => {
    const server = createFakeServer();
    vi.stubGlobal('window', undefined);
    try {
      const store = createFlagStore({ ...options, platform: server.platform });
      store.subscribe(() => undefined)();
      expect(server.requests).toHaveLength(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
