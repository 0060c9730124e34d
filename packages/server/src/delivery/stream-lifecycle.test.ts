import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer, type LiveServerOptions } from '../test-support/live-server.js';
import { openRawStream, type RawStream } from '../test-support/sse-reader.js';

const servers: LiveServer[] = [];
const closers: { close(): void }[] = [];
afterEach(async () => {
  for (const closer of closers.splice(0)) closer.close();
  for (const server of servers.splice(0).reverse()) await server.close();
});

async function start(options: LiveServerOptions = {}) {
  const server = await startLiveServer(options);
  servers.push(server);
  return server;
}

async function open(server: LiveServer, path: string, key: string): Promise<RawStream> {
  const stream = await openRawStream(`${server.url}${path}`, { authorization: `Bearer ${key}` });
  closers.push(stream);
  await stream.until((s) => s.events().some((event) => event.event !== undefined));
  return stream;
}

const patches = (stream: RawStream) => stream.events().filter((event) => event.event === 'patch');

describe('stream lifecycle', () => {
  it("closes a revoked key's streams at once, and no others", async () => {
    const server = await start();
    const revoked = await server.createKey('server', 'production');
    const kept = await server.createKey('server', 'production');
    const client = await server.createKey('client', 'production');
    const doomed = [
      await open(server, '/api/v1/sdk/stream', revoked.secret),
      await open(server, '/api/v1/sdk/stream', revoked.secret),
    ];
    const survivor = await open(server, '/api/v1/sdk/stream', kept.secret);
    const browser = await open(server, '/api/v1/client/stream', client.secret);

    expect((await server.admin.delete(`/api/v1/keys/${revoked.id}`)).status).toBe(200);
    expect(await Promise.all(doomed.map((stream) => stream.ended))).toEqual(['end', 'end']);
    expect(server.delivery.stats().streams).toEqual({ sdk: 1, client: 1, audit: 0 });
    expect(server.delivery.stats().closed.revoked).toBe(2);

    await server.admin.post('/api/v1/flags', { key: 'after' });
    await survivor.until((s) => patches(s).length >= 1);
    expect(
      (await fetch(`${server.url}/api/v1/sdk/stream`, { headers: { authorization: `Bearer ${revoked.secret}` } }))
        .status,
    ).toBe(401);
    expect(browser.text).toMatch(/^event: flags\n/);
  });

  it('answers HEAD with the headers a stream would have, and keeps no stream open', async () => {
    const server = await start();
    const sdk = await server.createKey('server', 'production');
    const client = await server.createKey('client', 'production');
    for (const [path, key] of [
      ['/api/v1/sdk/stream', sdk.secret],
      ['/api/v1/client/stream', client.secret],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${key}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(await response.text()).toBe('');
    }
    expect(
      (
        await fetch(`${server.url}/api/v1/sdk/stream`, {
          method: 'HEAD',
          headers: { authorization: `Bearer ${client.secret}` },
        })
      ).status,
    ).toBe(403);
    expect(server.delivery.stats().streams).toEqual({ sdk: 0, client: 0, audit: 0 });
  });

  it('closes, within the sweep interval, streams of a key revoked on another instance', async () => {
    const first = await start();
    const second = await start({
      shared: { store: first.store, hub: first.hub, adminKey: first.adminKey },
      delivery: { sweepMs: 20 },
    });
    const key = await first.createKey('client', 'production');
    const stream = await open(second, '/api/v1/client/stream', key.secret);
    expect((await first.admin.delete(`/api/v1/keys/${key.id}`)).status).toBe(200);
    expect(await stream.ended).toBe('end');
    expect(second.delivery.stats().closed.revoked).toBe(1);
  });

  it('at shutdown tells every stream when to come back with retry:, then ends it, and refuses new ones the same way', async () => {
    const server = await start({ delivery: { random: () => 0.5, shutdownRetryMs: [1000, 5000] } });
    const sdkKey = await server.createKey('server', 'production');
    const clientKey = await server.createKey('client', 'production');
    const streams = [
      await open(server, '/api/v1/sdk/stream', sdkKey.secret),
      await open(server, '/api/v1/client/stream', clientKey.secret),
    ];
    server.delivery.shutdown();
    expect(await Promise.all(streams.map((stream) => stream.ended))).toEqual(['end', 'end']);
    for (const stream of streams) expect(stream.text).toMatch(/\n\nretry: 3000\n\n$/);
    expect(server.delivery.stats().streams).toEqual({ sdk: 0, client: 0, audit: 0 });

    const late = await openRawStream(`${server.url}/api/v1/sdk/stream`, { authorization: `Bearer ${sdkKey.secret}` });
    expect(await late.ended).toBe('end');
    expect(late.text).toBe('retry: 3000\n\n');
  });

  it('drops a client that never reads, without delaying the others', async () => {
    const server = await start({ delivery: { maxQueuedBytes: 64 * 1024 }, maxBodyBytes: 4 * 1024 * 1024 });
    const key = await server.createKey('server', 'production');
    const fast = await open(server, '/api/v1/sdk/stream', key.secret);
    const slow = await stalledStream(server, key.secret);
    closers.push({ close: () => slow.destroy() });
    await expect.poll(() => server.delivery.stats().streams.sdk, { interval: 5 }).toBe(2);

    // Large segment edits until the stalled client's socket and queue overflow; bounded.
    const filler = 'x'.repeat(9_000);
    let last = 0;
    for (let i = 0; i < 80 && server.delivery.stats().closed.slow === 0; i++) {
      const values = Array.from({ length: 40 }, (_, j) => `${i}-${j}-${filler}`);
      const method = i === 0 ? 'POST' : 'PUT';
      const path = i === 0 ? '/api/v1/segments' : '/api/v1/segments/big';
      const body = { ...(i === 0 ? { key: 'big' } : {}), conditions: [{ attribute: 'email', operator: 'in', values }] };
      expect((await server.admin.request(method, path, { body })).status).toBeLessThan(300);
      last = (await server.store.getEnvironment('production'))?.version ?? 0;
      await fast.until((s) => patches(s).at(-1)?.id === String(last), 10_000);
    }
    await expect.poll(() => server.delivery.stats().closed.slow, { interval: 5 }).toBe(1);
    expect(server.delivery.stats().streams.sdk).toBe(1);
    // The reader that keeps up got every change, in order, each once.
    const ids = patches(fast).map((event) => Number(event.id));
    expect(ids.at(-1)).toBe(last);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/** A client that sends the request and then never reads a byte. */
async function stalledStream(server: LiveServer, key: string): Promise<Socket> {
  const { hostname, port } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.pause();
  socket.write(
    `GET /api/v1/sdk/stream HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${key}\r\nAccept: text/event-stream\r\n\r\n`,
  );
  return socket;
}
