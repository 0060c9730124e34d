import type { EvaluationContext } from '@rampart/core';
import type { LogEntry } from './change-log.js';
import type { OpenSink, StreamSink } from './stream-sink.js';

/**
 * Why a stream ended. `revoked`: its credential no longer admits it. `stale`: this instance fell
 * behind the store, so its clients go and find a current one.
 */
export type CloseReason = 'disconnected' | 'slow' | 'revoked' | 'shutdown' | 'stale';

interface StreamBase {
  /** The key's id; for a person, their user id. */
  readonly keyId: string;
  /** Set once the stream is known to be served; the only handle on the connection. */
  sink: StreamSink | undefined;
  closed: boolean;
}

interface EnvironmentStream extends StreamBase {
  readonly environment: string;
}

/** A `/sdk/stream` connection. Until `pending` is `undefined`, patches queue there instead. */
export interface SdkStream extends EnvironmentStream {
  readonly kind: 'sdk';
  pending: LogEntry[] | undefined;
}

/** A `/client/stream` connection and the results it last received. */
export interface ClientStream extends EnvironmentStream {
  readonly kind: 'client';
  readonly context: EvaluationContext;
  /** The context as given, so that streams with the same context share one evaluation. */
  readonly contextKey: string;
  /** The `flags` JSON last sent; `undefined` until the first event. */
  sentFlags: string | undefined;
}

/** The streams of other features that delivery carries: `audit`, the audit log's. */
export type FeedKind = 'audit';

/**
 * A stream whose events another feature writes (see `Delivery.openFeed`): delivery counts it,
 * sends it the heartbeat, drops it when it falls behind and ends it at shutdown, as its own.
 */
export interface FeedStream extends StreamBase {
  readonly kind: FeedKind;
  /** Told once, when the stream ends. */
  readonly onClose: (reason: CloseReason) => void;
}

export type OpenStream = SdkStream | ClientStream | FeedStream;
export type StreamKind = OpenStream['kind'];

export interface StreamRegistryOptions {
  /** A stream with more than this many bytes still unsent when the next event is written is dropped (the client resumes). */
  maxQueuedBytes: number;
  /** Called when the first stream opens (`true`) and when the last one closes (`false`). */
  onActiveChange(active: boolean): void;
  onClose(stream: OpenStream, reason: CloseReason): void;
}

export interface StreamRegistry {
  /** Registers the stream: from now on it is counted and receives changes, which its hub holds back until it starts. */
  add(stream: OpenStream): void;
  /** Opens the stream's response; until then writes are discarded. */
  attach(stream: OpenStream, open: OpenSink): void;
  /** Sends bytes; drops the stream when its client has fallen too far behind. */
  write(stream: OpenStream, bytes: Uint8Array): void;
  /** Ends a stream: a slow one at once, discarding what is queued; others after `last` and what is queued. */
  close(stream: OpenStream, reason: CloseReason, last?: Uint8Array): void;
  sdkStreams(environment: string): Iterable<SdkStream>;
  clientStreams(environment: string): Iterable<ClientStream>;
  byKey(keyId: string): Iterable<OpenStream>;
  all(): Iterable<OpenStream>;
  keyIds(): Iterable<string>;
  count(kind: StreamKind): number;
}

const NONE: readonly never[] = [];

function addTo<T>(index: Map<string, Set<T>>, key: string, item: T): void {
  const set = index.get(key);
  if (set === undefined) index.set(key, new Set([item]));
  else set.add(item);
}

function removeFrom<T>(index: Map<string, Set<T>>, key: string, item: T): void {
  const set = index.get(key);
  if (set === undefined) return;
  set.delete(item);
  if (set.size === 0) index.delete(key);
}

/**
 * Every open stream of this instance, indexed by environment (to fan changes out) and by key
 * (to close a revoked key's streams). Per stream it holds only a small record and its sink: no
 * timers and no buffers of its own, so that ten thousand idle streams stay cheap.
 * Backpressure comes from the sink: bytes queue when the socket is full, and past
 * `maxQueuedBytes` the stream is dropped rather than let one slow reader hold memory or delay
 * anyone else.
 *
 * @example
 * const registry = createStreamRegistry({ maxQueuedBytes: 1 << 20, onActiveChange, onClose });
 * registry.add(stream);
 * registry.attach(stream, open);
 * registry.write(stream, bytes);
 */
export function createStreamRegistry({
  maxQueuedBytes,
  onActiveChange,
  onClose,
}: StreamRegistryOptions): StreamRegistry {
  const sdk = new Map<string, Set<SdkStream>>();
  const client = new Map<string, Set<ClientStream>>();
  const keys = new Map<string, Set<OpenStream>>();
  const counts: Record<StreamKind, number> = { sdk: 0, client: 0, audit: 0 };
  const total = () => counts.sdk + counts.client + counts.audit;

  function remove(stream: OpenStream, reason: CloseReason): void {
    if (stream.closed) return;
    stream.closed = true;
    if (stream.kind === 'sdk') {
      removeFrom(sdk, stream.environment, stream);
      stream.pending = undefined;
    } else if (stream.kind === 'client') {
      removeFrom(client, stream.environment, stream);
    }
    removeFrom(keys, stream.keyId, stream);
    counts[stream.kind]--;
    onClose(stream, reason);
    if (total() === 0) onActiveChange(false);
  }

  function close(stream: OpenStream, reason: CloseReason, last?: Uint8Array): void {
    if (stream.closed) return;
    const { sink } = stream;
    remove(stream, reason);
    try {
      if (reason === 'slow') sink?.abort();
      else sink?.end(last);
    } catch {
      // Already cancelled by the client: nothing to end.
    }
  }

  return {
    add(stream) {
      if (stream.kind === 'sdk') addTo(sdk, stream.environment, stream);
      else if (stream.kind === 'client') addTo(client, stream.environment, stream);
      addTo(keys, stream.keyId, stream);
      counts[stream.kind]++;
      if (total() === 1) onActiveChange(true);
    },
    attach(stream, open) {
      stream.sink = open(() => remove(stream, 'disconnected'));
    },
    write(stream, bytes) {
      const { sink } = stream;
      if (stream.closed || sink === undefined) return;
      let backlog: number;
      try {
        backlog = sink.write(bytes);
      } catch {
        remove(stream, 'disconnected');
        return;
      }
      if (backlog > maxQueuedBytes) close(stream, 'slow');
    },
    close,
    sdkStreams: (environment) => sdk.get(environment) ?? NONE,
    clientStreams: (environment) => client.get(environment) ?? NONE,
    byKey: (keyId) => keys.get(keyId) ?? NONE,
    *all() {
      for (const set of keys.values()) yield* set;
    },
    keyIds: () => keys.keys(),
    count: (kind) => counts[kind],
  };
}
