import { afterEach, describe, expect, it, vi } from 'vitest';
import { SdkError } from '@rampart/core/sdk';
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
    await server.platform.settle();
    expect(store.status).toBe('ready');
    const first = store.getSnapshot();
    server.last.sendFlags({ a: { ...on('blue', 'blue'), reason: 'SPLIT' }, b: off() }, 2);
    await server.platform.settle();
    expect(store.getSnapshot()).not.toBe(first);
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

  it('stops on a refused key: logs it, hands onError the same error, and never asks again', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const errors: SdkError[] = [];
    const server = createFakeServer(() => 401);
    const store = createFlagStore({
      ...options,
      platform: server.platform,
      bootstrap: { flags: { a: on() } },
      onError: (error) => errors.push(error),
    });
    const stop = store.subscribe(() => undefined);
    await server.platform.advance(10 * 60_000);
    expect(store.status).toBe('degraded');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SdkError);
    expect(errors[0]).toMatchObject({ code: 'unauthorized', cause: { code: 'stream_rejected', status: 401 } });
    expect(errors[0]?.message).toBe(
      'https://flags.example/api/v1/client/stream?context=e30&key=*** refused the key (HTTP 401): ' +
        'expected a client key (rpc_…) of the environment. Serving bootstrap or default values.',
    );
    expect(log.mock.calls).toEqual([[errors[0]]]);
    stop();
    store.subscribe(() => undefined)();
    store.setContext({ userId: 'other' });
    await server.platform.advance(10 * 60_000);
    expect(server.requests).toHaveLength(1);
    expect(store.getSnapshot().flags.a?.enabled).toBe(true);
  });

  it('keeps serving the last results while the stream is down and reconnects after its backoff', async () => {
    // The first stream ends; the next two attempts fail; the fourth stays open.
    const server = createFakeServer((_request, index) => (index === 1 || index === 2 ? 503 : 200));
    const store = createFlagStore({ ...options, platform: server.platform });
    const statuses: string[] = [];
    const stop = store.subscribe(() => statuses.push(store.status));
    server.last.sendFlags({ a: on() });
    await server.platform.settle();
    server.last.end();
    await server.platform.settle();
    expect(store.getSnapshot()).toMatchObject({ status: 'degraded', flags: { a: { enabled: true } } });
    // random() is 0.5: half of a ceiling of 1 s, then 2 s, then 4 s.
    await server.platform.advance(499);
    expect(server.requests).toHaveLength(1);
    await server.platform.advance(1 + 1_000 + 2_000);
    expect(server.requests.map((request) => request.at)).toEqual([0, 500, 1_500, 3_500]);
    server.last.sendFlags({ a: off() }, 2);
    await server.platform.settle();
    expect(store.getSnapshot().flags.a?.enabled).toBe(false);
    expect(statuses).toEqual(['ready', 'degraded', 'ready']);
    stop();
  });

  it('tells onError of a lost stream once per outage, with the stream’s error as the cause', async () => {
    const errors: SdkError[] = [];
    const server = createFakeServer((_request, index) => (index === 0 || index === 4 ? 200 : 503));
    const store = createFlagStore({ ...options, platform: server.platform, onError: (error) => errors.push(error) });
    const stop = store.subscribe(() => undefined);
    server.last.sendFlags({ a: on() });
    server.last.end();
    await server.platform.advance(10_000);
    expect(server.requests).toHaveLength(5);
    expect(errors.map((error) => [error.code, error.cause])).toEqual([
      ['connection', expect.objectContaining({ code: 'stream_interrupted' })],
    ]);
    // The stream's URL names the server; its key stays out of messages, which reach logs.
    expect(errors[0]?.message).toBe(
      'Lost the flag stream, serving the last values: ' +
        'https://flags.example/api/v1/client/stream?context=e30&key=*** ended the stream',
    );
    server.last.sendFlags({ a: on() }, 2);
    server.last.end();
    await server.platform.settle();
    expect(errors.map((error) => error.code)).toEqual(['connection', 'connection']);
    stop();
  });

  it('tells onError of flags it cannot read and keeps the last results', async () => {
    const errors: SdkError[] = [];
    const server = createFakeServer();
    const store = createFlagStore({ ...options, platform: server.platform, onError: (error) => errors.push(error) });
    const stop = store.subscribe(() => undefined);
    server.last.sendFlags({ a: on() });
    server.last.write('event: flags\ndata: {"version": 2, "flags": \n\nevent: flags\ndata: {"version": 3}\n\n');
    await server.platform.settle();
    expect(errors.map((error) => [error.code, error.cause instanceof Error])).toEqual([
      ['invalid_data', true],
      ['invalid_data', true],
    ]);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^https:\/\/flags\.example\/ sent unreadable flags \(SyntaxError: .+\)$/),
      expect.stringMatching(/^https:\/\/flags\.example\/ sent unreadable flags \(TypeError: .+\)$/),
    ]);
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', flags: { a: { enabled: true } } });
    stop();
  });

  it('goes on delivering results when onError throws', async () => {
    const server = createFakeServer();
    const store = createFlagStore({
      ...options,
      platform: server.platform,
      onError: () => {
        throw new Error('a bug in the application’s handler');
      },
    });
    const stop = store.subscribe(() => undefined);
    server.last.end();
    await server.platform.advance(500);
    expect(store.status).toBe('degraded');
    server.last.sendFlags({ a: on() });
    await server.platform.settle();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', flags: { a: { enabled: true } } });
    stop();
  });

  it('closes for good: aborts the stream, leaves no timer and reports closed', async () => {
    const server = createFakeServer(() => 503);
    const store = createFlagStore({ ...options, platform: server.platform });
    store.subscribe(() => undefined);
    await server.platform.advance(500);
    store.close();
    expect(store.status).toBe('closed');
    expect(server.platform.pendingTimers).toBe(0);
    await server.platform.advance(10 * 60_000);
    expect(server.requests).toHaveLength(2);
    store.subscribe(() => undefined)();
    expect(server.requests).toHaveLength(2);
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
