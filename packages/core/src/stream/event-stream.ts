import { CoreError } from '../errors';
import { createBackoff, type BackoffOptions } from './backoff';
import { describeCause, redactKey } from './error-text';
import { webPlatform, type AbortControllerLike, type StreamPlatform, type TimerHandle } from './platform';
import { createSseParser } from './sse-parser';

/** What a stream reports, in order: it opens, delivers messages, and fails (then retries or stops). */
export type StreamEvent =
  | { type: 'open' }
  | { type: 'message'; event: string; data: string; id: string | undefined }
  | { type: 'error'; error: CoreError; willRetry: boolean; retryInMs: number | undefined };

export interface EventStreamOptions extends BackoffOptions {
  /** Read before every connection, so a caller can change what it asks for. */
  url: string | (() => string);
  headers?: Record<string, string>;
  /** Resume after this event id (sent as `Last-Event-ID`). */
  lastEventId?: string;
  /** With nothing received for this long, not even a heartbeat comment, reconnect. Default 45 000 ms. */
  heartbeatTimeoutMs?: number;
  platform?: StreamPlatform;
  onEvent(event: StreamEvent): void;
}

export interface EventStream {
  /** The id of the last message received: where a new stream would resume. */
  readonly lastEventId: string | undefined;
  /** Stops for good: aborts the connection and every timer. */
  close(): void;
}

type Outcome = { error: CoreError; fatal: boolean; retryAfterMs?: number };

/** Timers take at most 2³¹ − 1 ms; a longer delay, asked for by `retry:` or `Retry-After`, would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** `where` is the stream's URL without its key. */
function statusOutcome(where: string, status: number, retryAfter: string | null): Outcome {
  if (status === 401 || status === 403) {
    return {
      error: new CoreError('stream_rejected', `${where} refused the key (HTTP ${status})`, { status }),
      fatal: true,
    };
  }
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  const outcome: Outcome = {
    error: new CoreError('stream_failed', `${where} answered HTTP ${status}`, { status }),
    fatal: false,
  };
  if (Number.isFinite(seconds) && seconds >= 0) outcome.retryAfterMs = seconds * 1000;
  return outcome;
}

/**
 * A Server-Sent Events stream over fetch that keeps itself connected: it resumes with
 * `Last-Event-ID`, backs off exponentially with full jitter (1 s → 30 s, reset after a healthy
 * minute), honours the server's `retry:` and `Retry-After`, reconnects when heartbeats stop,
 * and stops on 401/403. Listener errors never break it.
 *
 * @example
 * const stream = openEventStream({
 *   url: 'http://127.0.0.1:4000/api/v1/sdk/stream',
 *   headers: { authorization: `Bearer ${key}` },
 *   onEvent: (event) => { if (event.type === 'message') console.log(event.event, event.data); },
 * });
 * stream.close();
 */
export function openEventStream(options: EventStreamOptions): EventStream {
  const platform = options.platform ?? webPlatform();
  const { heartbeatTimeoutMs = 45_000, healthyAfterMs = 60_000 } = options;
  const backoff = createBackoff({ ...options, random: () => platform.random() });
  const { url } = options;
  const urlOf = typeof url === 'string' ? () => url : url;
  let lastEventId = options.lastEventId;
  let closed = false;
  let current: AbortControllerLike | undefined;
  let retryTimer: TimerHandle | undefined;
  let serverRetryMs: number | undefined;

  const emit = (event: StreamEvent): void => {
    try {
      options.onEvent(event);
    } catch {
      // A listener's failure is the listener's: the stream goes on.
    }
  };

  const retryOrStop = (outcome: Outcome): void => {
    if (closed) return;
    if (outcome.fatal) {
      closed = true;
      emit({ type: 'error', error: outcome.error, willRetry: false, retryInMs: undefined });
      return;
    }
    const delay = Math.min(outcome.retryAfterMs ?? serverRetryMs ?? backoff.next(), MAX_TIMER_MS);
    serverRetryMs = undefined;
    emit({ type: 'error', error: outcome.error, willRetry: true, retryInMs: delay });
    retryTimer = platform.setTimeout(() => void connect(), delay);
  };

  async function consume(
    attempt: AbortControllerLike,
    body: NonNullable<Awaited<ReturnType<StreamPlatform['fetch']>>['body']>,
    where: string,
  ): Promise<Outcome> {
    const reader = body.getReader();
    const decoder = platform.createTextDecoder();
    const feed = createSseParser({
      onEvent: (message) => {
        if (message.id !== undefined) lastEventId = message.id;
        emit({ type: 'message', event: message.event ?? 'message', data: message.data, id: message.id });
      },
      onRetry: (ms) => {
        serverRetryMs = ms;
      },
    });
    let stalled = false;
    let watchdog: TimerHandle | undefined;
    const arm = (): void => {
      if (watchdog !== undefined) platform.clearTimeout(watchdog);
      watchdog = platform.setTimeout(() => {
        stalled = true;
        attempt.abort();
        void reader.cancel().catch(() => undefined);
      }, heartbeatTimeoutMs);
    };
    const openedAt = platform.now();
    arm();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || attempt !== current) break;
        arm();
        feed(decoder.decode(value, { stream: true }));
      }
    } catch (cause) {
      if (!stalled) {
        const error = new CoreError('stream_interrupted', `The stream from ${where} broke: ${describeCause(cause)}`, {
          cause,
        });
        return { error, fatal: false };
      }
    } finally {
      if (watchdog !== undefined) platform.clearTimeout(watchdog);
      if (platform.now() - openedAt >= healthyAfterMs) backoff.reset();
    }
    if (stalled)
      return {
        error: new CoreError('stream_stalled', `Nothing arrived from ${where} for ${heartbeatTimeoutMs} ms`),
        fatal: false,
      };
    return { error: new CoreError('stream_interrupted', `${where} ended the stream`), fatal: false };
  }

  async function connect(): Promise<void> {
    retryTimer = undefined;
    if (closed) return;
    const attempt = platform.createAbortController();
    current = attempt;
    const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
    // An empty id resets the position: the standard sends no header then.
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const url = urlOf();
    const where = redactKey(url);
    let outcome: Outcome;
    try {
      const response = await platform.fetch(url, { headers, signal: attempt.signal });
      if (attempt !== current) {
        await response.body
          ?.getReader()
          .cancel()
          .catch(() => undefined);
        return;
      }
      if (response.status !== 200 || response.body === null) {
        await response.body
          ?.getReader()
          .cancel()
          .catch(() => undefined);
        outcome = statusOutcome(where, response.status, response.headers.get('retry-after'));
      } else {
        emit({ type: 'open' });
        outcome = await consume(attempt, response.body, where);
      }
    } catch (cause) {
      outcome = {
        error: new CoreError('stream_interrupted', `Could not connect to ${where}: ${describeCause(cause)}`, { cause }),
        fatal: false,
      };
    }
    if (attempt === current) retryOrStop(outcome);
  }

  void connect();
  return {
    get lastEventId() {
      return lastEventId;
    },
    close() {
      closed = true;
      if (retryTimer !== undefined) platform.clearTimeout(retryTimer);
      current?.abort();
      current = undefined;
    },
  };
}
