import type { Snapshot, StreamPlatform, TimerHandle } from '@rampart/core';
import { isSnapshot } from './flag-state.js';

export interface PollerOptions {
  platform: StreamPlatform;
  url: string;
  headers: Record<string, string>;
  intervalMs: number;
  /** The version the client has: sent as `If-None-Match`. */
  version(): number | undefined;
  onSnapshot(snapshot: Snapshot): void;
  /** `true` after a 200 or a 304, `false` after a failure. */
  onOutcome(ok: boolean, detail: string): void;
  onRejected(status: number): void;
}

export interface Poller {
  start(): void;
  stop(): void;
}

/**
 * Polls `/sdk/flags` with `If-None-Match` while the stream is down, so that changes still
 * arrive (within `intervalMs`) when streaming is blocked by a proxy or the stream keeps failing.
 *
 * @example
 * const poller = createPoller({ platform, url, headers, intervalMs: 10_000, version, onSnapshot, onOutcome, onRejected });
 * poller.start();
 */
export function createPoller(options: PollerOptions): Poller {
  const { platform, url, headers, intervalMs } = options;
  let timer: TimerHandle | undefined;
  let running = false;

  async function poll(): Promise<void> {
    const version = options.version();
    const controller = platform.createAbortController();
    try {
      const response = await platform.fetch(url, {
        headers: version === undefined ? headers : { ...headers, 'if-none-match': `"${version}"` },
        signal: controller.signal,
      });
      if (response.status === 401 || response.status === 403) {
        running = false;
        options.onRejected(response.status);
        return;
      }
      if (response.status === 304) {
        options.onOutcome(true, 'not modified');
      } else if (response.status === 200) {
        const body: unknown = JSON.parse(await response.text());
        if (!isSnapshot(body)) throw new Error('the answer is not a snapshot');
        options.onSnapshot(body);
        options.onOutcome(true, 'snapshot');
      } else {
        options.onOutcome(false, `HTTP ${response.status}`);
      }
    } catch (error) {
      options.onOutcome(false, error instanceof Error ? error.message : String(error));
    }
  }

  function schedule(): void {
    if (!running) return;
    timer = platform.setTimeout(() => {
      timer = undefined;
      void poll().then(schedule);
    }, intervalMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    stop() {
      running = false;
      if (timer !== undefined) platform.clearTimeout(timer);
      timer = undefined;
    },
  };
}
