import type { EvaluationContext, Snapshot, StreamPlatform } from '@rampart/core';

export interface ClientOptions {
  /** The Rampart server, e.g. `http://127.0.0.1:4000`. */
  url: string;
  /** A server key (`rps_…`): it names the environment. */
  sdkKey: string;
  /** Static attributes under every call's context, such as `appName`. */
  context?: EvaluationContext;
  /** A snapshot to answer from before the server's arrives (from a file, the environment, a build step). */
  bootstrap?: Snapshot;
  /** How long `ready()` waits for the server before resolving `degraded`. Default 2 000 ms. */
  timeoutMs?: number;
  /** Where to keep the last good snapshot; used at the next start while the server is unreachable. */
  cachePath?: string;
  /** How often to poll `/sdk/flags` while the stream is down. Default 10 000 ms. */
  pollIntervalMs?: number;
  /** With nothing from the stream for this long, not even a heartbeat, reconnect. Default 45 000 ms. */
  heartbeatTimeoutMs?: number;
  /** Reconnection backoff: the first delay's ceiling, doubling to `maxReconnectDelayMs`. Defaults 1 000 and 30 000 ms. */
  initialReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /**
   * How often to send the counts of guarded release plans (`POST /api/v1/sdk/guard-counts`),
   * while a flag has a guard. Default 5 000 ms.
   */
  guardCountsIntervalMs?: number;
  /** fetch, timers, clock and randomness; the runtime's own by default. */
  platform?: StreamPlatform;
}
