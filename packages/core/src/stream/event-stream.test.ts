import { afterEach, describe, expect, it } from 'vitest';
import { startSseServer, sseHeaders, type SseHandler } from '../test-support/sse-server';
import { openEventStream, type EventStream, type StreamEvent } from './event-stream';
import { webPlatform, type FetchInit, type FetchLike } from './platform';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** Opens a stream against handlers and collects its events; `until` resolves when a predicate holds. */
async function scenario(
  handlers: SseHandler[],
  options: { heartbeatTimeoutMs?: number; random?: () => number; lastEventId?: string } = {},
) {
  const server = await startSseServer(handlers);
  const events: StreamEvent[] = [];
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  const platform = { ...webPlatform(), random: options.random ?? (() => 0) };
  const stream: EventStream = openEventStream({
    url: server.url,
    headers: { authorization: 'Bearer rps_test' },
    initialDelayMs: 20,
    maxDelayMs: 200,
    platform,
    ...(options.heartbeatTimeoutMs === undefined ? {} : { heartbeatTimeoutMs: options.heartbeatTimeoutMs }),
    ...(options.lastEventId === undefined ? {} : { lastEventId: options.lastEventId }),
    onEvent: (event) => {
      events.push(event);
      for (const waiter of [...waiters]) {
        if (waiter.check()) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
  });
  cleanups.push(
    () => server.close(),
    () => stream.close(),
  );
  const until = (check: () => boolean) =>
    check() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ check, resolve }));
  const messages = () =>
    events.flatMap((event) => (event.type === 'message' ? [`${event.event}#${event.id}:${event.data}`] : []));
  const errors = () => events.flatMap((event) => (event.type === 'error' ? [event] : []));
  return { server, stream, events, until, messages, errors };
}

/**
 * A fetch that answers the n-th request with `answers[n]`: a status without a body, or a 200
 * whose body is read in the given byte chunks and then ends. Records each request's headers.
 */
function scriptedFetch(answers: (number | Uint8Array[])[]): { fetch: FetchLike; requests: FetchInit['headers'][] } {
  const requests: FetchInit['headers'][] = [];
  const fetch: FetchLike = (_url, init) => {
    const answer = answers[requests.push(init.headers) - 1] ?? 401;
    const chunks = typeof answer === 'number' ? [] : [...answer];
    const body = {
      getReader: () => ({
        read: async () => (chunks.length ? { done: false, value: chunks.shift() } : { done: true }),
        cancel: async () => undefined,
      }),
    };
    return Promise.resolve({
      status: typeof answer === 'number' ? answer : 200,
      headers: { get: () => null },
      body,
      text: async () => '',
    });
  };
  return { fetch, requests };
}

/** The bytes of `text` in UTF-8, one chunk per byte. */
const byteByByte = (text: string) => [...new TextEncoder().encode(text)].map((byte) => Uint8Array.of(byte));

const stopped = (events: StreamEvent[]) => events.some((event) => event.type === 'error' && !event.willRetry);

/** Runs a stream against `answers` until `done` holds; by default until it stops on the refused key every script ends with. */
async function scriptedScenario(answers: (number | Uint8Array[])[], done = stopped) {
  const { fetch, requests } = scriptedFetch(answers);
  const events: StreamEvent[] = [];
  const stream = openEventStream({
    url: 'http://flags.test/stream',
    platform: { ...webPlatform(), fetch, random: () => 0 },
    onEvent: (event) => events.push(event),
  });
  cleanups.push(() => stream.close());
  await expect.poll(() => done(events)).toBe(true);
  const messages = events.flatMap((event) => (event.type === 'message' ? [event] : []));
  return { events, requests, messages, stream };
}

describe('openEventStream', () => {
  it('decodes text cut at every byte, drops the byte order mark, and never carries an unfinished event into the next connection', async () => {
    const { messages } = await scriptedScenario([
      byteByByte('\uFEFFdata: café ✓\r\n\r\ndata: unfinished'),
      byteByByte('data: next\n\n'),
    ]);
    expect(messages.map((message) => message.data)).toEqual(['café ✓', 'next']);
  });

  it('sends no Last-Event-ID after an empty id, as the standard says', async () => {
    const { requests, stream } = await scriptedScenario([
      byteByByte('id: 5\ndata: a\n\n'),
      byteByByte('id:\ndata: b\n\n'),
    ]);
    expect(requests.map((headers) => headers['last-event-id'])).toEqual([undefined, '5', undefined]);
    expect(stream.lastEventId).toBe('');
  });

  it('caps a retry delay the timers could not hold', async () => {
    const { events } = await scriptedScenario([[new TextEncoder().encode('retry: 3000000000\n\n')]], (seen) =>
      seen.some((event) => event.type === 'error'),
    );
    expect(events.find((event) => event.type === 'error')).toMatchObject({ willRetry: true, retryInMs: 2 ** 31 - 1 });
  });

  it('delivers events and resumes after a dropped connection with Last-Event-ID', async () => {
    const { server, stream, until, messages } = await scenario([
      (_request, response) => {
        sseHeaders(response);
        response.write('event: snapshot\nid: 1\ndata: {"v":1}\n\nevent: patch\nid: 2\ndata: {"v":2}\n\n');
        setImmediate(() => response.destroy());
      },
      (_request, response) => {
        sseHeaders(response);
        response.write(': heartbeat\n\nevent: patch\nid: 3\ndata: {"v":3}\n\n');
      },
    ]);
    await until(() => messages().length === 3);
    expect(messages()).toEqual(['snapshot#1:{"v":1}', 'patch#2:{"v":2}', 'patch#3:{"v":3}']);
    expect(server.requests[0]?.headers['last-event-id']).toBeUndefined();
    expect(server.requests[1]?.headers['last-event-id']).toBe('2');
    expect(server.requests[1]?.headers.authorization).toBe('Bearer rps_test');
    expect(server.requests[1]?.headers.accept).toBe('text/event-stream');
    expect(stream.lastEventId).toBe('3');
  });

  it('starts from a given event id', async () => {
    const { server, until } = await scenario([(_request, response) => sseHeaders(response)], { lastEventId: '41' });
    await until(() => server.requests.length === 1);
    expect(server.requests[0]?.headers['last-event-id']).toBe('41');
  });

  it('stops on 401 and 403 with an error that says it will not retry', async () => {
    for (const status of [401, 403]) {
      const { server, until, errors, events } = await scenario([
        (_request, response) => response.writeHead(status).end(),
      ]);
      await until(() => errors().length === 1);
      expect(errors()[0]).toMatchObject({ willRetry: false, error: { code: 'stream_rejected', status } });
      expect(events.some((event) => event.type === 'open')).toBe(false);
      // A second request would come within the 20 ms backoff; wait well past it.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.requests).toHaveLength(1);
    }
  });

  it('retries server errors with growing, jittered delays', async () => {
    const { until, errors } = await scenario([(_request, response) => response.writeHead(503).end()], {
      random: () => 0.5,
    });
    await until(() => errors().length === 4);
    expect(errors().map((error) => [error.error.code, error.willRetry, error.retryInMs])).toEqual([
      ['stream_failed', true, 10],
      ['stream_failed', true, 20],
      ['stream_failed', true, 40],
      ['stream_failed', true, 80],
    ]);
  });

  it('waits as long as Retry-After says', async () => {
    const { until, errors } = await scenario([
      (_request, response) => response.writeHead(429, { 'retry-after': '0' }).end(),
      (_r, response) => sseHeaders(response),
    ]);
    await until(() => errors().length === 1);
    expect(errors()[0]).toMatchObject({ error: { code: 'stream_failed', status: 429 }, retryInMs: 0 });
  });

  it('uses the delay of the server’s retry: field for the next reconnection', async () => {
    const { until, errors, server } = await scenario([
      (_request, response) => {
        sseHeaders(response);
        response.end('retry: 7\n\n');
      },
      (_request, response) => sseHeaders(response),
    ]);
    await until(() => server.requests.length === 2);
    expect(errors()[0]).toMatchObject({ error: { code: 'stream_interrupted' }, retryInMs: 7 });
  });

  it('reconnects when not even a heartbeat arrives in time', async () => {
    const { until, errors, server } = await scenario(
      [(_request, response) => sseHeaders(response), (_request, response) => sseHeaders(response)],
      { heartbeatTimeoutMs: 50 },
    );
    await until(() => server.requests.length === 2);
    expect(errors()[0]).toMatchObject({ error: { code: 'stream_stalled' }, willRetry: true });
  });

  it('keeps going when a listener throws', async () => {
    const server = await startSseServer([
      (_request, response) => {
        sseHeaders(response);
        response.write('data: one\n\ndata: two\n\n');
      },
    ]);
    const seen: string[] = [];
    const stream = openEventStream({
      url: server.url,
      onEvent: (event) => {
        if (event.type !== 'message') return;
        seen.push(event.data);
        throw new Error('listener bug');
      },
    });
    cleanups.push(
      () => server.close(),
      () => stream.close(),
    );
    await expect.poll(() => seen).toEqual(['one', 'two']);
  });

  it('closes for good: no more requests after close()', async () => {
    const { server, stream, until } = await scenario([(_request, response) => response.writeHead(500).end()]);
    await until(() => server.requests.length === 1);
    stream.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(1);
  });
});
