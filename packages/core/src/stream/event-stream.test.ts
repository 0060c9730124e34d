import { afterEach, describe, expect, it } from 'vitest';
import { startSseServer, sseHeaders, type SseHandler } from '../test-support/sse-server';
import { createFakePlatform, type FakePlatformOptions } from '../testing/fake-platform';
import { openEventStream, type EventStream, type EventStreamOptions, type StreamEvent } from './event-stream';
import { webPlatform, type FetchInit, type FetchLike } from './platform';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** Opens a stream against handlers and collects its events; `until` resolves when a predicate holds. */
async function scenario(handlers: SseHandler[], options: { lastEventId?: string } = {}) {
  const server = await startSseServer(handlers);
  const events: StreamEvent[] = [];
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  const platform = { ...webPlatform(), random: () => 0 };
  const stream: EventStream = openEventStream({
    url: server.url,
    headers: { authorization: 'Bearer rps_test' },
    platform,
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
});

/** A stream on a fake platform: its clock moves only with `advance`, and `respond` answers each request. */
function fakeScenario(respond: FakePlatformOptions['respond'], options: Partial<EventStreamOptions> = {}) {
  const platform = createFakePlatform({ respond });
  const events: StreamEvent[] = [];
  const stream = openEventStream({
    url: 'http://flags.test/stream',
    platform,
    onEvent: (e) => events.push(e),
    ...options,
  });
  cleanups.push(() => stream.close());
  const errors = () => events.flatMap((event) => (event.type === 'error' ? [event] : []));
  /** When each request was made, on the fake clock. */
  const times = () => platform.requests.map((request) => request.at);
  return { platform, stream, events, errors, times };
}

describe('openEventStream over time', () => {
  it('stops on 401 and 403 with an error that says it will not retry, and never asks again', async () => {
    for (const status of [401, 403]) {
      const { platform, errors, events } = fakeScenario(() => status);
      await platform.advance(10 * 60_000);
      expect(errors()).toMatchObject([{ willRetry: false, error: { code: 'stream_rejected', status } }]);
      expect(events.some((event) => event.type === 'open')).toBe(false);
      expect(platform.requests).toHaveLength(1);
      expect(platform.pendingTimers).toBe(0);
    }
  });

  it('retries server errors after exponentially growing, jittered delays capped at the maximum', async () => {
    // random() is 0.5: each delay is half its ceiling, 1 s doubling up to 30 s.
    const { platform, errors, times } = fakeScenario(() => 503);
    await platform.advance(499);
    expect(times()).toEqual([0]);
    await platform.advance(60_000 - 499);
    expect(times()).toEqual([0, 500, 1_500, 3_500, 7_500, 15_500, 30_500, 45_500]);
    expect(errors().map((error) => [error.error.code, error.willRetry, error.retryInMs])).toEqual(
      [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000].map((delay) => ['stream_failed', true, delay]),
    );
  });

  it('takes its backoff from the options', async () => {
    const { platform, times } = fakeScenario(() => 503, { initialDelayMs: 100, maxDelayMs: 400 });
    await platform.advance(1_000);
    expect(times()).toEqual([0, 50, 150, 350, 550, 750, 950]);
  });

  it('starts its backoff over after a connection that stayed up a healthy minute', async () => {
    // Fails twice, then holds a connection open until the test ends it.
    const { platform, times } = fakeScenario((_request, index) => (index === 2 ? 200 : 503));
    await platform.advance(1_500);
    expect(times()).toEqual([0, 500, 1_500]);
    for (let minute = 0; minute < 2; minute++) {
      await platform.advance(30_000);
      platform.last.write(': heartbeat\n\n');
    }
    platform.last.end();
    await platform.advance(500);
    expect(times()).toEqual([0, 500, 1_500, 62_000]);
  });

  it('waits as long as Retry-After says before asking again', async () => {
    const { platform, errors, times } = fakeScenario((_request, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '120' } } : 200,
    );
    await platform.advance(119_999);
    expect(times()).toEqual([0]);
    await platform.advance(1);
    expect(times()).toEqual([0, 120_000]);
    expect(errors()).toMatchObject([{ error: { code: 'stream_failed', status: 429 }, retryInMs: 120_000 }]);
  });

  it('waits as long as the server’s retry: field says for the next reconnection only', async () => {
    const { platform, errors, times } = fakeScenario((_request, index) => ({
      status: 200,
      body: index === 0 ? 'retry: 7000\n\n' : '',
    }));
    await platform.advance(7_000 + 500);
    expect(times()).toEqual([0, 7_000, 7_500]);
    expect(
      errors()
        .map((error) => [error.error.code, error.retryInMs])
        .slice(0, 2),
    ).toEqual([
      ['stream_interrupted', 7_000],
      ['stream_interrupted', 500],
    ]);
  });

  it('reconnects when nothing, not even a heartbeat, arrived for the heartbeat timeout', async () => {
    const { platform, errors, times } = fakeScenario(() => 200, { heartbeatTimeoutMs: 45_000 });
    await platform.advance(30_000);
    platform.last.write(': heartbeat\n\n');
    // 45 s after the start, but only 15 s after the heartbeat: still connected.
    await platform.advance(15_000);
    expect(times()).toEqual([0]);
    await platform.advance(30_000);
    expect(platform.requests[0]?.aborted).toBe(true);
    expect(errors()).toMatchObject([{ error: { code: 'stream_stalled' }, willRetry: true, retryInMs: 500 }]);
    await platform.advance(500);
    expect(times()).toEqual([0, 75_500]);
  });

  it('closes for good: aborts the connection, clears its timers and asks no more', async () => {
    const { platform, stream, times } = fakeScenario(() => 500);
    await platform.advance(500);
    expect(times()).toEqual([0, 500]);
    stream.close();
    expect(platform.pendingTimers).toBe(0);
    await platform.advance(10 * 60_000);
    expect(times()).toEqual([0, 500]);
  });

  it('aborts an open connection on close and reports nothing after it', async () => {
    const { platform, stream, events } = fakeScenario(() => 200);
    await platform.settle();
    stream.close();
    await platform.advance(60_000);
    expect(platform.last.aborted).toBe(true);
    expect(events).toEqual([{ type: 'open' }]);
    expect(platform.pendingTimers).toBe(0);
  });
});

describe('openEventStream’s errors', () => {
  const url = 'http://flags.test/stream?context=e30&key=rpc_secret';
  const where = 'http://flags.test/stream?context=e30&key=***';

  it('name the URL, without its key, and what went wrong', async () => {
    // Five connections: refused with 503, then open and broken, ended, silent, and refused with 401.
    const { platform, errors } = fakeScenario((_request, index) => [503, 200, 200, 200][index] ?? 401, {
      url,
      heartbeatTimeoutMs: 45_000,
    });
    await platform.advance(500);
    platform.last.fail();
    await platform.advance(1_000);
    platform.last.end();
    await platform.advance(2_000);
    await platform.advance(45_000 + 4_000);
    expect(errors().map((error) => error.error.message)).toEqual([
      `${where} answered HTTP 503`,
      `The stream from ${where} broke: The connection broke`,
      `${where} ended the stream`,
      `Nothing arrived from ${where} for 45000 ms`,
      `${where} refused the key (HTTP 401)`,
    ]);
  });

  it('give the reason a connection could not be made, as Node’s fetch keeps it in its cause', async () => {
    // A port that nothing listens on any more.
    const server = await startSseServer([]);
    await server.close();
    const port = new URL(server.url).port;
    const events: StreamEvent[] = [];
    const stream = openEventStream({
      url: `${server.url}?key=rpc_secret`,
      platform: webPlatform(),
      onEvent: (event) => events.push(event),
    });
    cleanups.push(() => stream.close());
    await expect.poll(() => events.length).toBeGreaterThan(0);
    stream.close();
    expect(events[0]).toMatchObject({
      type: 'error',
      willRetry: true,
      error: {
        code: 'stream_interrupted',
        message: `Could not connect to http://127.0.0.1:${port}/stream?key=***: fetch failed: connect ECONNREFUSED 127.0.0.1:${port}`,
      },
    });
  });
});
