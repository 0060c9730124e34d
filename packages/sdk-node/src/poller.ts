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
  // Each start() begins a generation; a poll answers only for its own, so one that was in
  // flight when polling stopped (or stopped and started again) changes nothing.
  let generation = 0;
  let inFlight: ReturnType<StreamPlatform['createAbortController']> | undefined;

  async function poll(current: number): Promise<void> {
    const version = options.version();
    const controller = platform.createAbortController();
    inFlight = controller;
    // A poll that hangs would stop polling altogether: it gets one interval to answer.
    const deadline = platform.setTimeout(() => controller.abort(), intervalMs);
    try {
      const response = await platform.fetch(url, {
        headers: version === undefined ? headers : { ...headers, 'if-none-match': `"${version}"` },
        signal: controller.signal,
      });
      const text = response.status === 200 ? await response.text() : '';
      if (current !== generation) return;
      if (response.status === 401 || response.status === 403) {
        running = false;
        options.onRejected(response.status);
        return;
      }
      if (response.status === 304) {
        options.onOutcome(true, 'not modified');
      } else if (response.status === 200) {
        const body: unknown = JSON.parse(text);
        if (!isSnapshot(body)) throw new Error('the answer is not a snapshot');
        options.onSnapshot(body);
        options.onOutcome(true, 'snapshot');
      } else {
        options.onOutcome(false, `HTTP ${response.status}`);
      }
    } catch (error) {
      if (current !== generation) return;
      const detail = controller.signal.aborted ? `no answer within ${intervalMs} ms` : undefined;
      options.onOutcome(false, detail ?? (error instanceof Error ? error.message : String(error)));
    } finally {
      platform.clearTimeout(deadline);
      if (inFlight === controller) inFlight = undefined;
    }
  }

  function schedule(current: number): void {
    if (!running || current !== generation) return;
    timer = platform.setTimeout(() => {
      timer = undefined;
      void poll(current).then(() => schedule(current));
    }, intervalMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(++generation);
    },
    stop() {
      running = false;
      generation++;
      if (timer !== undefined) platform.clearTimeout(timer);
      timer = undefined;
      inFlight?.abort();
      inFlight = undefined;
    },
  };
}
