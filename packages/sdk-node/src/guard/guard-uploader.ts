import { describeCause, SdkError, type StreamPlatform, type TimerHandle } from '@rampart/core';
import type { GuardCounts, GuardCountsBody } from './guard-counts.js';

/** The longest `close()` waits for the last counts to be sent. */
export const CLOSE_UPLOAD_MS = 2_000;

export interface GuardUploaderOptions {
  platform: StreamPlatform;
  /** `…/api/v1/sdk/guard-counts`. */
  url: string;
  /** The server key's `authorization` header, as for `/sdk/flags`. */
  headers: Record<string, string>;
  intervalMs: number;
  counts: GuardCounts;
  report(error: SdkError): void;
}

export interface GuardUploader {
  /** Starts the upload timer when there is something to count or send and it is not running. */
  wake(): void;
  /** Sends what is left, waiting at most {@link CLOSE_UPLOAD_MS}, and stops for good. */
  close(): Promise<void>;
  /** Stops for good without sending anything more (a refused key). */
  stop(): void;
}

/** What the server said, shortened, for a message. */
const said = (text: string): string => (text === '' ? '' : `: ${text.slice(0, 200)}`);

/** Lets the process exit while the timer runs: counts are not worth keeping it alive for. */
function unref(handle: TimerHandle): void {
  if (typeof handle === 'object' && handle !== null && 'unref' in handle && typeof handle.unref === 'function') {
    handle.unref();
  }
}

/**
 * Sends the guard counts every `intervalMs` while there are guarded flags, one upload at a time,
 * never retrying: counts that cannot be sent are dropped and reported as `dropped` in the next
 * upload, and the application never waits for any of it. A refusal (4xx) is reported through
 * `report` and its counts dropped; failures (5xx, no answer within the interval, no
 * connection) are reported once until an upload succeeds again.
 *
 * @example
 * const uploader = createGuardUploader({ platform, url, headers, intervalMs: 5_000, counts, report });
 * uploader.wake(); // after each compile
 * await uploader.close();
 */
export function createGuardUploader(options: GuardUploaderOptions): GuardUploader {
  const { platform, url, intervalMs, counts, report } = options;
  const headers = { ...options.headers, 'content-type': 'application/json' };
  let timer: TimerHandle | undefined;
  let uploading: Promise<void> | undefined;
  let inFlight: ReturnType<StreamPlatform['createAbortController']> | undefined;
  let stopped = false;
  let failing = false;

  function failed(body: GuardCountsBody, detail: string, cause?: unknown): void {
    counts.lost(body);
    if (failing) return;
    failing = true;
    report(
      new SdkError(
        'guard_counts',
        `Could not send the guard counts to ${url}: ${detail}. ` +
          'They are dropped, and reported as dropped in the next upload.',
        { cause },
      ),
    );
  }

  async function upload(timeoutMs: number): Promise<void> {
    const body = counts.take();
    if (body === undefined) return;
    const controller = platform.createAbortController();
    inFlight = controller;
    const deadline = platform.setTimeout(() => controller.abort(), timeoutMs);
    unref(deadline);
    try {
      const response = await platform.fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      const text = await response.text();
      if (response.status >= 200 && response.status < 300) {
        counts.accepted(body);
        failing = false;
      } else if (response.status >= 400 && response.status < 500) {
        report(
          new SdkError(
            'guard_counts',
            `${url} refused the guard counts (HTTP ${response.status}${said(text)}); they are dropped`,
          ),
        );
      } else {
        failed(body, `it answered HTTP ${response.status}`);
      }
    } catch (cause) {
      failed(body, controller.signal.aborted ? `no answer within ${timeoutMs} ms` : describeCause(cause), cause);
    } finally {
      platform.clearTimeout(deadline);
      if (inFlight === controller) inFlight = undefined;
    }
  }

  function wake(): void {
    if (stopped || timer !== undefined || uploading !== undefined || !counts.active) return;
    timer = platform.setTimeout(() => {
      timer = undefined;
      uploading = upload(intervalMs).finally(() => {
        uploading = undefined;
        wake();
      });
    }, intervalMs);
    unref(timer);
  }

  function stop(): void {
    stopped = true;
    if (timer !== undefined) platform.clearTimeout(timer);
    timer = undefined;
    inFlight?.abort();
  }

  async function close(): Promise<void> {
    if (stopped) return;
    stopped = true;
    if (timer !== undefined) platform.clearTimeout(timer);
    timer = undefined;
    let expired = false;
    const deadline = platform.setTimeout(() => {
      expired = true;
      inFlight?.abort();
    }, CLOSE_UPLOAD_MS);
    try {
      await uploading;
      if (!expired) await upload(CLOSE_UPLOAD_MS);
    } finally {
      platform.clearTimeout(deadline);
    }
  }

  return { wake, close, stop };
}
