import type { EvaluationContext } from '@rampart/core';
import { SdkError, type FlagResult, type FlagResults, type SdkErrorCode, type SdkStatus } from '@rampart/core/sdk';
import { openEventStream, type EventStream, type StreamEvent, type StreamPlatform } from '@rampart/core/stream';
import { contextKey, streamUrl } from './stream-url';
import type { FlagSnapshot } from './types';
import { unknownFlagWarning } from './unknown-flag-warning';

export interface FlagStoreOptions {
  /** The Rampart server, e.g. `https://flags.example.com`. */
  url: string;
  /** A client key (`rpc_…`) of the environment to read. */
  clientKey: string;
  context?: EvaluationContext;
  /** Results to start from, e.g. those of `POST /api/v1/client/evaluate` during server rendering. */
  bootstrap?: FlagResults | undefined;
  /** Fetch, timers and randomness; the browser's own by default. */
  platform?: StreamPlatform;
  /**
   * Told of each problem, which never reaches the hooks: a refused key (`unauthorized`, also
   * logged), a lost stream (`connection`, once per outage) or results it cannot read
   * (`invalid_data`). In development builds also a flag that `useFlag` or `useVariant` reads
   * and the server's results lack (`flag_not_found`, once per key, also logged as a warning).
   */
  onError?: (error: SdkError) => void;
}

export interface StoreConnection {
  url: string;
  clientKey: string;
  /** The current context, as the JSON that the store sends (its keys sorted). */
  context: string;
  platform: StreamPlatform | undefined;
}

export interface FlagStore {
  /** Adds a listener; the first one opens the stream (in a browser), the last to leave closes it. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): FlagSnapshot;
  /** The bootstrap snapshot: what the server rendered, so hydration matches it. */
  getServerSnapshot(): FlagSnapshot;
  /** Re-opens the stream once if the context differs (by value) from the current one. */
  setContext(context: EvaluationContext): void;
  /** Closes the stream for good. */
  close(): void;
  readonly status: SdkStatus;
  /** What the store reads flags with, now: what `track` (`@rampart/sdk-react/track`) posts events with. */
  connection(): StoreConnection;
  /**
   * Development builds only, for the hooks: warns once (console and `onError`) if the live
   * results lack `key`. Absent in production builds.
   */
  warnUnknownFlag?(key: string): void;
}

const sameResult = (a: FlagResult, b: FlagResult): boolean =>
  a.enabled === b.enabled && a.variant === b.variant && JSON.stringify(a.value) === JSON.stringify(b.value);

/**
 * A framework-free store of evaluated client-side flags, fed by `/api/v1/client/stream`.
 * It connects lazily, on the first `subscribe` and only where `window` exists, so server
 * rendering never opens a connection; it reconnects with backoff and stops on a refused key.
 *
 * @example
 * const store = createFlagStore({ url: 'https://flags.example.com', clientKey: 'rpc_…', context: { userId: '42' } });
 * const off = store.subscribe(() => console.log(store.getSnapshot().flags['new-checkout']?.enabled));
 * off(); // the last listener gone, the stream closes
 */
export function createFlagStore({
  url,
  clientKey,
  context = {},
  bootstrap,
  platform,
  onError,
}: FlagStoreOptions): FlagStore {
  const listeners = new Set<() => void>();
  const initial: FlagSnapshot = { status: 'initializing', ready: !!bootstrap, flags: bootstrap?.flags ?? {} };
  let snapshot = initial;
  let key = contextKey(context);
  let stream: EventStream | undefined;
  // Set by close() and by a refused key: nothing would come of connecting again.
  let stopped = false;

  const update = (status: SdkStatus, flags = snapshot.flags): void => {
    if (status === snapshot.status && flags === snapshot.flags) return;
    snapshot = { status, ready: snapshot.ready || status === 'ready', flags };
    listeners.forEach((listener) => listener());
  };

  const receive = ({ flags }: FlagResults): void => {
    const next: Record<string, FlagResult> = {};
    for (const [flag, result] of Object.entries(flags)) {
      const old = snapshot.flags[flag];
      next[flag] = old && sameResult(old, result) ? old : result;
    }
    update('ready', next);
  };

  /** Tells `onError`, and the console too when the developer must act. */
  const report = (code: SdkErrorCode, message: string, cause: unknown, log?: boolean): void => {
    const error = new SdkError(code, message, { cause });
    if (log) console.error(error);
    onError?.(error);
  };

  // Each branch reports last: should `onError` throw, the stream reader catches it and goes on.
  const onEvent = (event: StreamEvent): void => {
    if (event.type === 'message') {
      if (event.event === 'flags') {
        try {
          receive(JSON.parse(event.data));
        } catch (cause) {
          report('invalid_data', `${url} sent unreadable flags (${cause})`, cause);
        }
      }
    } else if (event.type === 'error') {
      const { error, willRetry } = event;
      const outage = snapshot.status === 'degraded';
      update('degraded');
      if (!willRetry) {
        stopped = true;
        report(
          'unauthorized',
          `${error.message}: expected a client key (rpc_…) of the environment. Serving bootstrap or default values.`,
          error,
          true,
        );
      } else if (!outage) {
        report('connection', `Lost the flag stream, serving the last values: ${error.message}`, error);
      }
    }
  };

  const open = (): void => {
    stream = openEventStream({ url: streamUrl(url, clientKey, key), onEvent, platform });
  };

  const store: FlagStore = {
    subscribe(listener) {
      listeners.add(listener);
      if (!stream && !stopped && typeof window !== 'undefined') open();
      return () => {
        listeners.delete(listener);
        if (!listeners.size) {
          stream?.close();
          stream = undefined;
        }
      };
    },
    getSnapshot: () => snapshot,
    getServerSnapshot: () => initial,
    setContext(next) {
      const nextKey = contextKey(next);
      if (nextKey === key) return;
      key = nextKey;
      if (stream) {
        stream.close();
        open();
      }
    },
    close() {
      stopped = true;
      stream?.close();
      stream = undefined;
      update('closed');
    },
    get status() {
      return snapshot.status;
    },
    connection: () => ({ url, clientKey, context: key, platform }),
  };
  if (process.env.NODE_ENV !== 'production') store.warnUnknownFlag = unknownFlagWarning(url, () => snapshot, onError);
  return store;
}
