import {
  globalFunction,
  webPlatform,
  type AbortControllerLike,
  type AbortSignalLike,
  type FetchInit,
  type FetchResponse,
  type StreamPlatform,
  type StreamReader,
} from '../stream/platform';
import { createFakeClock, type FakeClock } from './fake-clock';

/** A request that the fake platform's fetch received; its response body is the test's to write. */
export interface FakeRequest {
  readonly url: string;
  /** `GET` unless the caller named another. */
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The request body the caller sent, if any. */
  readonly body: string | undefined;
  /** When it was made, on the fake clock. */
  readonly at: number;
  /** Whether the caller aborted it. */
  readonly aborted: boolean;
  /** Sends text on the response body, such as SSE events (only an answer of `200` stays open for more). */
  write(text: string): void;
  /** Ends the body, as a server that finishes or goes away does. */
  end(): void;
  /** Breaks the body, as a dropped connection does. */
  fail(): void;
}

/**
 * How to answer a request: a status (a `200` keeps its body open for `write`; any other has an
 * empty one), or a status with headers and a whole body. Throwing makes fetch reject, as a
 * refused connection does.
 */
export type FakeAnswer = number | { status: number; headers?: Record<string, string>; body?: string };

export interface FakePlatform extends StreamPlatform, FakeClock {
  /** Every request so far, oldest first. */
  readonly requests: readonly FakeRequest[];
  /** The latest request; throws when there is none. */
  readonly last: FakeRequest;
}

export interface FakePlatformOptions {
  /** Answers each request (`index` counts them from 0); by default every request gets an open `200`. */
  respond?: (request: FakeRequest, index: number) => FakeAnswer;
  /** What `random()` returns, for a known backoff jitter. Default `() => 0.5`. */
  random?: () => number;
  /** The clock's start, in epoch milliseconds. Default 0. */
  now?: number;
}

type Chunk = { done: false; value: Uint8Array } | { done: true } | { error: unknown };

/**
 * A `StreamPlatform` for tests of code on core's stream reader: fetch answers from a function
 * and keeps each response body open for the test to write to, and the clock moves only with
 * `advance`. Decoding is the runtime's own `TextDecoder`.
 *
 * @example
 * const platform = createFakePlatform({ respond: (request) => (request.url.endsWith('/stream') ? 200 : 503) });
 * const stream = openEventStream({ url: 'https://flags.test/stream', platform, onEvent });
 * platform.last.write('event: flags\ndata: {}\n\n');
 * await platform.advance(45_000); // no heartbeat in time: the stream reconnects
 */
export function createFakePlatform({
  respond = () => 200,
  random = () => 0.5,
  now = 0,
}: FakePlatformOptions = {}): FakePlatform {
  const web = webPlatform();
  const clock = createFakeClock(now, web.setTimeout);
  const TextEncoder = globalFunction('TextEncoder');
  if (!TextEncoder) throw new TypeError('The fake platform needs TextEncoder (Node 18+ or any browser)');
  const encoder: { encode(text: string): Uint8Array } = Reflect.construct(TextEncoder, []);
  const onAbort = new WeakMap<AbortSignalLike, () => void>();
  const requests: FakeRequest[] = [];

  const createAbortController = (): AbortControllerLike => {
    const signal = { aborted: false };
    return {
      signal,
      abort() {
        if (signal.aborted) return;
        signal.aborted = true;
        onAbort.get(signal)?.();
      },
    };
  };

  const fetch = async (url: string, init: FetchInit) => {
    const chunks: Chunk[] = [];
    let waiting: ((chunk: Chunk) => void) | undefined;
    let finished = false;
    const push = (chunk: Chunk): void => {
      if (finished) return;
      finished = !('value' in chunk);
      if (waiting) waiting(chunk);
      else chunks.push(chunk);
      waiting = undefined;
    };
    const request: FakeRequest = {
      url,
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body,
      at: clock.now(),
      get aborted() {
        return init.signal.aborted;
      },
      write: (text) => push({ done: false, value: encoder.encode(text) }),
      end: () => push({ done: true }),
      fail: () => push({ error: new Error('The connection broke') }),
    };
    const index = requests.push(request) - 1;
    onAbort.set(init.signal, () => push({ error: new Error('The request was aborted') }));
    const answer = respond(request, index);
    const { status, headers = {}, body } = typeof answer === 'number' ? { status: answer } : answer;
    if (body !== undefined) request.write(body);
    if (body !== undefined || status !== 200) request.end();
    if (init.signal.aborted) throw new Error('The request was aborted');

    const reader: StreamReader = {
      read: async () => {
        const chunk = chunks.shift() ?? (await new Promise<Chunk>((resolve) => (waiting = resolve)));
        if ('error' in chunk) throw chunk.error;
        return chunk;
      },
      cancel: async () => request.end(),
    };
    const response: FetchResponse = {
      status,
      headers: { get: (name) => headers[name.toLowerCase()] ?? null },
      body: { getReader: () => reader },
      async text() {
        let text = '';
        const decoder = web.createTextDecoder();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          text += decoder.decode(chunk.value, { stream: true });
        }
        return text + decoder.decode();
      },
    };
    return response;
  };

  return {
    fetch,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    now: clock.now,
    advance: clock.advance,
    settle: clock.settle,
    get pendingTimers() {
      return clock.pendingTimers;
    },
    createAbortController,
    createTextDecoder: web.createTextDecoder,
    random,
    requests,
    get last() {
      const last = requests.at(-1);
      if (!last) throw new Error('No request yet');
      return last;
    },
  };
}
