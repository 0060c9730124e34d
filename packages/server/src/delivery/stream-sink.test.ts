import { afterEach, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../test-support/live-server.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { readableStreamSink } from './stream-sink.js';

const bytes = (text: string) => new TextEncoder().encode(text);

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

describe('readableStreamSink', () => {
  it('reports the backlog left by earlier writes, not counting the bytes at hand', async () => {
    const { body, open } = readableStreamSink();
    const sink = open(() => undefined);
    expect(sink.write(bytes('abc'))).toBe(0);
    expect(sink.write(bytes('defgh'))).toBe(3);
    expect(sink.write(bytes('i'))).toBe(8);
    sink.end(bytes('!'));
    expect(await readAll(body)).toBe('abcdefghi!');
  });

  it('ends without a last chunk, and aborts by erroring the body', async () => {
    const ended = readableStreamSink();
    ended.open(() => undefined).end();
    expect(await readAll(ended.body)).toBe('');

    const aborted = readableStreamSink();
    const sink = aborted.open(() => undefined);
    sink.write(bytes('queued'));
    sink.abort();
    await expect(readAll(aborted.body)).rejects.toThrow('the client fell too far behind');
  });

  it('calls onGone when the reader cancels', async () => {
    const { body, open } = readableStreamSink();
    let gone = 0;
    open(() => gone++);
    await body.cancel();
    expect(gone).toBe(1);
  });
});

describe('stream responses by adapter', () => {
  let app: TestApp | undefined;
  let live: LiveServer | undefined;
  afterEach(async () => {
    await app?.close();
    await live?.close();
    app = undefined;
    live = undefined;
  });

  it('through app.request(), streams a web body: the snapshot, then a patch', async () => {
    app = await createTestApp();
    const key = await app.post('/api/v1/keys', { kind: 'server', name: 'sdk', environment: 'production' });
    const response = await app.app.request('/api/v1/sdk/stream', {
      headers: { authorization: `Bearer ${String(key.json.secret)}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = (response.body ?? new ReadableStream()).pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
    expect(text).toMatch(/^event: snapshot\nid: \d+\n/);
    await app.post('/api/v1/flags', { key: 'added' });
    while (!text.includes('event: patch')) text += (await reader.read()).value ?? '';
    expect(text).toContain('"key":"added"');
    await reader.cancel();
  });

  it('over Node HTTP, writes the same headers, CORS included, and answers 404 before any byte of a stream', async () => {
    live = await startLiveServer();
    const clientKey = await live.createKey('client', 'production');
    const response = await fetch(`${live.url}/api/v1/client/stream`, {
      headers: { authorization: `Bearer ${clientKey.secret}`, origin: 'https://app.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    await response.body?.cancel();
  });

  it("over Node HTTP, answers 404 with a JSON error, not a stream, when the key's environment cannot be found", async () => {
    // A store that has lost the environment its keys name (the API cannot delete one).
    live = await startLiveServer({
      wrapStore: (store) => ({
        ...store,
        getSnapshot: async (environment) => (environment === 'production' ? undefined : store.getSnapshot(environment)),
      }),
    });
    const key = await live.createKey('server', 'production');
    const missing = await fetch(`${live.url}/api/v1/sdk/stream`, {
      headers: { authorization: `Bearer ${key.secret}` },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(live.delivery.stats().streams.sdk).toBe(0);
  });
});
