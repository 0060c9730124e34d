import type { EvaluationContext } from '@rampart/core';
import type { ChangeBus } from '../bus/bus.js';
import { RampartError } from '../base/errors.js';
import type { Logger } from '../base/logger.js';
import type { StoreReader } from '../store/store.js';
import { createClientHub } from './client-hub.js';
import { guardedClientFlags } from './client-results.js';
import { createEnvironmentCache, type EnvironmentCache, type EnvironmentView } from './environment-cache.js';
import { createSdkHub } from './sdk-hub.js';
import { encodeComment, encodeRetry } from './sse-encoding.js';
import type { OpenSink } from './stream-sink.js';
import {
  createStreamRegistry,
  type ClientStream,
  type CloseReason,
  type FeedKind,
  type FeedStream,
  type OpenStream,
  type SdkStream,
  type StreamKind,
} from './stream-registry.js';

export interface DeliveryOptions {
  store: StoreReader;
  bus: ChangeBus;
  logger: Logger;
  /** Share a cache made elsewhere; by default the delivery makes (and closes) its own. */
  environments?: EnvironmentCache;
  /** For the cache it makes: how far behind the store this instance may fall; see `createEnvironmentCache`. */
  convergenceMs?: number;
  /** A comment on every stream this often; default 15 000 ms. */
  heartbeatMs?: number;
  /** How often open streams' keys are checked against the store for revocations made on other instances; default 10 000 ms. */
  sweepMs?: number;
  /** Patches kept per environment for `Last-Event-ID` resumes; default 1000 and 16 MiB. */
  changeLogSize?: number;
  changeLogBytes?: number;
  /** A stream still holding more than this many unsent bytes when the next event comes is dropped and resumes; default 1 MiB. */
  maxQueuedBytes?: number;
  /** The `retry:` sent at shutdown is drawn from this range, so clients do not all return at once; default 1000–5000 ms. */
  shutdownRetryMs?: readonly [min: number, max: number];
  /** In [0, 1); default `Math.random`. */
  random?: () => number;
}

export interface DeliveryStats {
  streams: Record<StreamKind, number>;
  closed: Record<CloseReason, number>;
  environments: { environment: string; version: number; changes: number }[];
}

/**
 * Told that a client key's context was served the results of the environment's client-side
 * flags (all of them, or those of `flagKeys`), for counting exposures to guarded flags.
 */
export type ClientEvaluationListener = (
  keyId: string,
  view: EnvironmentView,
  context: EvaluationContext,
  flagKeys?: readonly string[],
) => void;

/** An event stream that another feature writes and delivery carries (see {@link Delivery.openFeed}). */
export interface Feed {
  /** Sends bytes; drops the stream when its client has fallen too far behind. */
  write(bytes: Uint8Array): void;
  /** Ends the stream after what is queued. */
  close(reason: CloseReason): void;
  /** Whether the stream has ended, for whatever reason (its `onClose` has been told). */
  readonly closed: boolean;
}

/** An open `/client/stream`: whose key, where, and for which context. */
export interface OpenClientStream {
  keyId: string;
  environment: string;
  context: EvaluationContext;
}

export interface Delivery {
  readonly environments: EnvironmentCache;
  /** The environment's current view (loading it on first use); `undefined` when it does not exist. */
  view(environment: string): Promise<EnvironmentView | undefined>;
  /**
   * Serves a `/sdk/stream` response through `open`; `false`, with nothing opened, when the
   * environment does not exist.
   */
  openSdkStream(
    request: { environment: string; keyId: string; lastEventId?: string | undefined },
    open: OpenSink,
  ): Promise<boolean>;
  /** Serves a `/client/stream` response through `open`; `false`, with nothing opened, when the environment does not exist. */
  openClientStream(
    request: { environment: string; keyId: string; context: EvaluationContext; contextKey: string },
    open: OpenSink,
  ): Promise<boolean>;
  /**
   * Adds a listener of client evaluations: each `/client/stream` when it starts and after each
   * change of its environment, and each evaluation reported through {@link clientEvaluated}.
   * Listeners hear only of environments whose snapshot has guarded client-side flags, so that
   * the others pay one lookup. Returns the removal.
   */
  onClientEvaluation(listener: ClientEvaluationListener): () => void;
  /** Reports an evaluation for a client key made outside the streams (`/client/evaluate`, OFREP). */
  clientEvaluated(keyId: string, view: EnvironmentView, context: EvaluationContext, flagKeys?: readonly string[]): void;
  /** The client streams open on this instance that have received their results. */
  openClientStreams(): Iterable<OpenClientStream>;
  /**
   * Serves another feature's event stream through `open`, and returns it for that feature to
   * write: counted in `stats().streams` under its kind, sent the heartbeat, dropped when its
   * client falls behind, ended when `keyId` is revoked on this instance, and ended with a
   * `retry:` at shutdown, like the SDK streams (once shutting down, it is ended at once and
   * returned closed). Its credential is its owner's to check again: the sweep checks only SDK
   * and client keys. `onClose` is told once, however it ends.
   *
   * @example
   * const feed = delivery.openFeed({ kind: 'audit', keyId, onClose: () => tail.stop() }, open);
   * feed.write(encodeEvent({ event: 'ready', data: '{}' }));
   */
  openFeed(request: { kind: FeedKind; keyId: string; onClose(reason: CloseReason): void }, open: OpenSink): Feed;
  /** A key was revoked on this instance: its streams end now. */
  keyRevoked(keyId: string): void;
  /** Closes streams whose keys were revoked (on any instance); runs every `sweepMs` while streams are open. */
  sweep(): Promise<void>;
  stats(): DeliveryStats;
  /** Tells every stream to come back after a jittered `retry:`, ends them, and refuses new ones the same way. */
  shutdown(): void;
}

const HEARTBEAT = encodeComment('heartbeat');

/**
 * Live delivery to SDKs and browsers: the environment cache, the SDK and client hubs, the
 * registry of open streams, heartbeats, revocation and shutdown. `createApp` makes one when
 * none is given; `main.ts` makes it itself so that SIGTERM can call `shutdown()` before the
 * HTTP server stops.
 *
 * A revocation made on this instance closes the key's streams at once; one made on another
 * instance is noticed by the sweep, so within `sweepMs` (10 s by default).
 *
 * @example
 * const delivery = createDelivery({ store, bus, logger });
 * const app = createApp({ store, bus, clock, logger, delivery });
 * process.on('SIGTERM', () => { delivery.shutdown(); server.close(); });
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { store, bus, logger, heartbeatMs = 15_000, sweepMs = 10_000, random = Math.random } = options;
  const [minRetryMs, maxRetryMs] = options.shutdownRetryMs ?? [1000, 5000];
  const environments =
    options.environments ?? createEnvironmentCache({ store, bus, logger, convergenceMs: options.convergenceMs });
  const versions = new Map<string, { version: number; changes: number }>();
  const closed: Record<CloseReason, number> = { disconnected: 0, slow: 0, revoked: 0, shutdown: 0, stale: 0 };
  let timers: ReturnType<typeof setInterval>[] = [];
  let stopped = false;
  let sweeping = false;

  const registry = createStreamRegistry({
    maxQueuedBytes: options.maxQueuedBytes ?? 1024 * 1024,
    onClose(stream, reason) {
      closed[reason]++;
      if (reason === 'slow')
        logger.warn(
          {
            environment: 'environment' in stream ? stream.environment : undefined,
            keyId: stream.keyId,
            kind: stream.kind,
          },
          'dropped a stream that fell behind; its client will resume',
        );
      if (stream.kind === 'audit') {
        try {
          stream.onClose(reason);
        } catch (error) {
          logger.error({ err: error, kind: stream.kind }, 'a stream closing listener failed');
        }
      }
    },
    onActiveChange(active) {
      for (const timer of timers) clearInterval(timer);
      timers = [];
      if (!active || stopped) return;
      // One timer each for all streams: per-stream timers would cost memory at scale.
      timers.push(setInterval(heartbeat, heartbeatMs));
      timers.push(setInterval(() => void sweep(), sweepMs));
    },
  });
  const sdkHub = createSdkHub({
    registry,
    changeLogSize: options.changeLogSize ?? 1000,
    changeLogBytes: options.changeLogBytes ?? 16 * 1024 * 1024,
  });
  const clientHub = createClientHub(registry);
  const evaluationListeners = new Set<ClientEvaluationListener>();

  function clientEvaluated(
    keyId: string,
    current: EnvironmentView,
    context: EvaluationContext,
    flagKeys?: readonly string[],
  ): void {
    if (evaluationListeners.size === 0 || guardedClientFlags(current.snapshot).length === 0) return;
    for (const listener of [...evaluationListeners]) {
      try {
        listener(keyId, current, context, flagKeys);
      } catch (error) {
        logger.error({ err: error, environment: current.environment }, 'a client evaluation listener failed');
      }
    }
  }

  const unsubscribeStale = environments.onStale((reason) => {
    // Feeds carry no environment: being behind the environments tells nothing of theirs.
    const open = [...registry.all()].filter((stream) => stream.kind !== 'audit');
    if (open.length > 0)
      logger.warn(
        { reason, streams: open.length },
        'fell behind the store: ending every stream so its client finds a current instance',
      );
    for (const stream of open) registry.close(stream, 'stale', retryBytes());
  });
  const unsubscribe = environments.onUpdate((update) => {
    const seen = versions.get(update.current.environment);
    versions.set(update.current.environment, {
      version: update.current.version,
      changes: (seen?.changes ?? 0) + update.changes.length,
    });
    sdkHub.update(update);
    clientHub.update(update);
    // Every stream now holds the results of the new view (a guarded plan's new step, say).
    if (evaluationListeners.size > 0 && guardedClientFlags(update.current.snapshot).length > 0) {
      for (const stream of registry.clientStreams(update.current.environment)) {
        if (stream.sentFlags !== undefined) clientEvaluated(stream.keyId, update.current, stream.context);
      }
    }
  });

  function heartbeat(): void {
    for (const stream of [...registry.all()]) {
      if (started(stream)) registry.write(stream, HEARTBEAT);
    }
  }

  /** Whether a stream has sent its first event: until then, nothing else goes before it. */
  function started(stream: OpenStream): boolean {
    if (stream.kind === 'sdk') return stream.pending === undefined;
    if (stream.kind === 'client') return stream.sentFlags !== undefined;
    // A feed writes its first event as it opens.
    return true;
  }

  async function sweep(): Promise<void> {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const keyId of [...registry.keyIds()]) {
        // A feed's keyId may be a person's, which no key record holds: feeds check their own.
        if ([...registry.byKey(keyId)].every((stream) => stream.kind === 'audit')) continue;
        const key = await store.getKey(keyId);
        if (key === undefined || key.revokedAt !== null) closeKey(keyId);
      }
    } catch (error) {
      logger.warn({ err: error }, 'could not check the keys of open streams; the next sweep will retry');
    } finally {
      sweeping = false;
    }
  }

  function closeKey(keyId: string): void {
    for (const stream of [...registry.byKey(keyId)]) registry.close(stream, 'revoked');
  }

  function retryBytes(): Uint8Array {
    return encodeRetry(minRetryMs + random() * (maxRetryMs - minRetryMs));
  }

  async function view(environment: string): Promise<EnvironmentView | undefined> {
    const found = await environments.get(environment);
    if (found !== undefined && !versions.has(environment))
      versions.set(environment, { version: found.version, changes: 0 });
    // The newest view: an update may have landed while this one was being read.
    return found === undefined ? undefined : (environments.peek(environment) ?? found);
  }

  /**
   * Registers first, then reads the environment, so that no change can fall between the two;
   * the response opens only once the environment is known to exist.
   */
  async function serve<T extends SdkStream | ClientStream>(
    stream: T,
    open: OpenSink,
    start: (stream: T, view: EnvironmentView) => void,
  ): Promise<boolean> {
    if (stopped) {
      open(() => undefined).end(retryBytes());
      return true;
    }
    // An instance that fell behind the store opens no stream that might miss a change (a kill
    // above all); requests are refused the same way by `keyEnvironment`.
    const fresh = environments.freshness();
    if (!fresh.ok) throw new RampartError('unavailable', fresh.reason);
    registry.add(stream);
    let current: EnvironmentView | undefined;
    try {
      current = await view(stream.environment);
    } catch (error) {
      registry.close(stream, 'disconnected');
      throw error;
    }
    if (current === undefined) {
      registry.close(stream, 'disconnected');
      return false;
    }
    if (stream.closed) {
      // Shut down (or its key revoked) while the environment was read.
      open(() => undefined).end(stopped ? retryBytes() : undefined);
      return true;
    }
    registry.attach(stream, open);
    start(stream, current);
    return true;
  }

  return {
    environments,
    view,
    openSdkStream({ environment, keyId, lastEventId }, open) {
      const stream: SdkStream = { kind: 'sdk', keyId, environment, sink: undefined, closed: false, pending: [] };
      return serve(stream, open, (started, current) => sdkHub.start(started, current, lastEventId));
    },
    openClientStream({ environment, keyId, context, contextKey }, open) {
      const stream: ClientStream = {
        kind: 'client',
        keyId,
        environment,
        sink: undefined,
        closed: false,
        context,
        contextKey,
        sentFlags: undefined,
      };
      return serve(stream, open, (started, current) => {
        clientHub.start(started, current);
        clientEvaluated(started.keyId, current, started.context);
      });
    },
    onClientEvaluation(listener) {
      evaluationListeners.add(listener);
      return () => void evaluationListeners.delete(listener);
    },
    clientEvaluated,
    *openClientStreams() {
      for (const stream of registry.all()) {
        if (stream.kind === 'client' && !stream.closed && stream.sentFlags !== undefined) {
          yield { keyId: stream.keyId, environment: stream.environment, context: stream.context };
        }
      }
    },
    openFeed({ kind, keyId, onClose }, open) {
      const stream: FeedStream = { kind, keyId, onClose, sink: undefined, closed: false };
      if (stopped) {
        stream.closed = true;
        open(() => undefined).end(retryBytes());
        closed.shutdown++;
        onClose('shutdown');
      } else {
        registry.add(stream);
        registry.attach(stream, open);
      }
      return {
        write: (bytes) => registry.write(stream, bytes),
        close: (reason) => registry.close(stream, reason),
        get closed() {
          return stream.closed;
        },
      };
    },
    keyRevoked: closeKey,
    sweep,
    stats: () => ({
      streams: { sdk: registry.count('sdk'), client: registry.count('client'), audit: registry.count('audit') },
      closed: { ...closed },
      environments: [...versions].map(([environment, seen]) => ({ environment, ...seen })),
    }),
    shutdown() {
      if (stopped) return;
      stopped = true;
      for (const stream of [...registry.all()]) registry.close(stream, 'shutdown', retryBytes());
      for (const timer of timers) clearInterval(timer);
      timers = [];
      unsubscribe();
      unsubscribeStale();
      if (options.environments === undefined) environments.close();
    },
  };
}
