import {
  applyPatch,
  describeCause,
  evaluate,
  liveCompiled,
  openEventStream,
  SdkError,
  webPlatform,
  type EvaluationContext,
  type EvaluationResult,
  type EventStream,
  type CompiledSnapshot,
  type LiveCompiled,
  type FlagValue,
  type SdkStatus,
  type Snapshot,
  type SnapshotPatch,
  type StreamPlatform,
  type TimerHandle,
} from '@rampart/core';
import { readCachedSnapshot, writeCachedSnapshot } from './cache-file.js';
import { createEmitter } from './emitter.js';
import { changedFlags, createFlagCompiler, isSnapshot, type FlagState } from './flag-state.js';
import { GuardCounts } from './guard/guard-counts.js';
import { createGuardUploader, type GuardUploader } from './guard/guard-uploader.js';
import type { ClientEvents, RampartClient, VariantResult } from './client-api.js';
import type { ClientOptions } from './options.js';
import { isPatch, patchedFlags } from './patch.js';
import { createPoller, type Poller } from './poller.js';

function sameKind<T extends FlagValue>(value: FlagValue | undefined, defaultValue: T): value is T {
  if (value === undefined || value === null || defaultValue === null) return value === defaultValue;
  if (Array.isArray(defaultValue)) return Array.isArray(value);
  return typeof value === typeof defaultValue && Array.isArray(value) === Array.isArray(defaultValue);
}

/**
 * A client that evaluates flags locally, synchronously and without ever throwing, from a
 * copy of the environment's flags that the server keeps fresh over a stream.
 *
 * @example
 * const flags = createClient({ url: 'http://127.0.0.1:4000', sdkKey: process.env.RAMPART_SDK_KEY ?? '', context: { appName: 'checkout' } });
 * await flags.ready();
 * if (flags.isEnabled('new-checkout', { userId: user.id })) renderNewCheckout();
 */
export function createClient(options: ClientOptions): RampartClient {
  return new Client(options);
}

/**
 * The client behind `createClient`. Its shape is chosen for `isEnabled`'s sake, so that in an
 * optimised caller it costs what a bare `evaluate` on a snapshot compiled once costs
 * (bench/README.md):
 * - a class, not an object literal of closures: V8 keeps a literal with getters (`status`,
 *   `version`) in slow dictionary mode, and every property read from it pays;
 * - the flags are compiled into one `liveCompiled` object for the client's life, replaced in
 *   place, so the caller's code may hold them as a constant.
 * The public methods are functions of the instance, so they also work unbound
 * (`const { isEnabled } = flags`).
 */
class Client implements RampartClient {
  readonly #platform: StreamPlatform;
  readonly #cachePath: string | undefined;
  readonly #events = createEmitter<ClientEvents>();
  /** The stream's URL, named in the errors about what it sent. */
  readonly #streamUrl: string;
  readonly #reported = new Set<string>();
  readonly #readyPromise: Promise<'ready' | 'degraded'>;
  readonly #resolveReady: (status: 'ready' | 'degraded') => void;
  readonly #readyTimer: TimerHandle;
  readonly #poller: Poller;
  readonly #stream: EventStream;
  /** Where the flags came from; evaluation reads `#live`, which always holds their compiled form. */
  #state: FlagState;
  readonly #live: LiveCompiled;
  readonly #compileFlags: (snapshot: Snapshot | undefined) => CompiledSnapshot;
  /** Guarded release plans' counts, which compiling keeps to the flags' current batches. */
  readonly #guards = new GuardCounts();
  readonly #uploader: GuardUploader;
  #status: SdkStatus = 'initializing';
  #settled = false;
  #outage = false;
  #pendingWrite: Promise<void> = Promise.resolve();

  constructor(options: ClientOptions) {
    const platform = (this.#platform = options.platform ?? webPlatform());
    const { timeoutMs = 2_000, pollIntervalMs = 10_000, guardCountsIntervalMs = 5_000, cachePath } = options;
    this.#cachePath = cachePath;
    const base = options.url.replace(/\/+$/, '');
    const headers = { authorization: `Bearer ${options.sdkKey}` };

    const cached = cachePath === undefined ? undefined : readCachedSnapshot(cachePath);
    this.#state = cached
      ? { snapshot: cached, source: 'cache' }
      : { snapshot: options.bootstrap, source: options.bootstrap ? 'bootstrap' : 'none' };
    this.#compileFlags = createFlagCompiler(
      options.context ?? {},
      (flagKey) => this.#reportMissing(flagKey),
      this.#guards,
    );
    this.#live = liveCompiled(this.#compileFlags(this.#state.snapshot));
    const { compiled } = this.#live;
    this.isEnabled = (flagKey, context) => evaluate(compiled, flagKey, context).enabled;
    this.evaluate = (flagKey, context) => evaluate(compiled, flagKey, context);
    let resolveReady: (status: 'ready' | 'degraded') => void = () => undefined;
    this.#readyPromise = new Promise((resolve) => (resolveReady = resolve));
    this.#resolveReady = resolveReady;
    this.#readyTimer = platform.setTimeout(() => {
      if (this.#status === 'initializing') this.#setStatus('degraded');
      this.#settleReady();
    }, timeoutMs);

    this.#uploader = createGuardUploader({
      platform,
      url: `${base}/api/v1/sdk/guard-counts`,
      headers,
      intervalMs: guardCountsIntervalMs,
      counts: this.#guards,
      report: (error) => this.#report(error),
    });
    this.#uploader.wake();

    const pollUrl = `${base}/api/v1/sdk/flags`;
    const streamUrl = (this.#streamUrl = `${base}/api/v1/sdk/stream`);
    this.#poller = createPoller({
      platform,
      url: pollUrl,
      headers,
      intervalMs: pollIntervalMs,
      version: () => this.version,
      onSnapshot: (snapshot) => this.#acceptSnapshot(snapshot),
      onOutcome: (ok) => {
        if (ok) this.#setStatus('ready');
        else if (this.#status === 'ready') this.#setStatus('degraded');
      },
      onRejected: (httpStatus) => this.#rejected(pollUrl, httpStatus),
    });

    this.#stream = openEventStream({
      url: streamUrl,
      headers,
      platform,
      ...(options.heartbeatTimeoutMs === undefined ? {} : { heartbeatTimeoutMs: options.heartbeatTimeoutMs }),
      ...(options.initialReconnectDelayMs === undefined ? {} : { initialDelayMs: options.initialReconnectDelayMs }),
      ...(options.maxReconnectDelayMs === undefined ? {} : { maxDelayMs: options.maxReconnectDelayMs }),
      onEvent: (event) => {
        if (event.type === 'open') {
          this.#outage = false;
          this.#poller.stop();
          // The server answers a stream at once, before any event: a resume with nothing newer
          // gets the open response alone. Open, the stream brings every change from here on, so
          // flags the server sent are live again. Flags from a bootstrap or the cache are not:
          // they wait for the snapshot that a stream without Last-Event-ID always starts with.
          if (this.#state.source === 'server') this.#setStatus('ready');
        } else if (event.type === 'message') {
          this.#onMessage(event.event, event.data);
        } else if (!event.willRetry) {
          this.#rejected(streamUrl, event.error.status);
        } else {
          if (!this.#outage) {
            // Live no more from this moment: changes made now would not arrive until a poll or
            // a reconnection, so say so now rather than at the first failed poll.
            if (this.#status === 'ready') this.#setStatus('degraded');
            this.#report(
              new SdkError(
                'connection',
                `Lost the flag stream, answering from the last known flags and reconnecting: ${event.error.message}`,
                { cause: event.error },
              ),
            );
          }
          this.#outage = true;
          this.#poller.start();
        }
      },
    });
  }

  // The hot path: one call into core, which answers constant flags itself and reports unknown
  // ones through onUnknownFlag. Both are closures over `#live.compiled`, one object for the
  // client's life, and are stored once, in the constructor (`declare` emits no field, which
  // would store `undefined` first). V8 then holds them and the compiled flags as constants in
  // an optimised caller, as it does for `evaluate` on a snapshot compiled once.
  declare readonly isEnabled: (flagKey: string, context?: EvaluationContext) => boolean;
  declare readonly evaluate: (flagKey: string, context?: EvaluationContext) => EvaluationResult;

  readonly getVariant = (flagKey: string, context?: EvaluationContext): VariantResult | null => {
    const result = this.evaluate(flagKey, context);
    return result.variant === null
      ? null
      : { key: result.variant, value: result.value, enabled: result.enabled, reason: result.reason };
  };

  readonly getValue = <T extends FlagValue>(
    flagKey: string,
    context: EvaluationContext | undefined,
    defaultValue: T,
  ): T => {
    const result = this.evaluate(flagKey, context);
    // Off with a variant is the default variant, served with its value when no rule matched.
    const served = result.enabled || result.variant !== null;
    return served && sameKind(result.value, defaultValue) ? result.value : defaultValue;
  };

  readonly track = (eventKey: string, context?: EvaluationContext, _value?: number): void => {
    try {
      if (typeof eventKey === 'string') this.#guards.track(eventKey, this.#live.compiled, context);
    } catch {
      // Tracking is never worth an application's failure.
    }
  };

  readonly ready = (): Promise<'ready' | 'degraded'> => this.#readyPromise;

  readonly on = <K extends keyof ClientEvents>(name: K, listener: (payload: ClientEvents[K]) => void): (() => void) =>
    this.#events.on(name, listener);

  readonly close = async (): Promise<void> => {
    this.#stream.close();
    this.#poller.stop();
    // The last counts, sent within a bound while the rest closes.
    const counted = this.#uploader.close();
    this.#settleReady();
    this.#setStatus('closed');
    this.#events.clear();
    await Promise.all([this.#pendingWrite, counted]);
  };

  get status(): SdkStatus {
    return this.#status;
  }

  get version(): number | undefined {
    return this.#state.source === 'server' ? this.#state.snapshot?.version : undefined;
  }

  #setStatus(next: SdkStatus): void {
    if (next === this.#status || this.#status === 'closed') return;
    const previous = this.#status;
    this.#status = next;
    this.#events.emit('status', { status: next, previous });
  }

  #settleReady(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#platform.clearTimeout(this.#readyTimer);
    const outcome = this.#status === 'ready' ? 'ready' : 'degraded';
    this.#resolveReady(outcome);
    this.#events.emit('ready', { status: outcome });
  }

  #report(error: SdkError): void {
    this.#events.emit('error', error);
  }

  #reportMissing(flagKey: string): void {
    if (this.#reported.has(flagKey)) return;
    this.#reported.add(flagKey);
    this.#report(
      new SdkError(
        'flag_not_found',
        `Flag '${flagKey}' is not in the ${this.#state.snapshot?.environment || 'loaded'} flags; answering the default`,
      ),
    );
  }

  #adopt(snapshot: Snapshot, flags: string[]): void {
    this.#state = { snapshot, source: 'server' };
    this.#live.replace(this.#compileFlags(snapshot));
    this.#uploader.wake();
    const cachePath = this.#cachePath;
    if (cachePath !== undefined) {
      this.#pendingWrite = this.#pendingWrite
        .then(() => writeCachedSnapshot(cachePath, snapshot))
        .catch((cause: unknown) =>
          this.#report(
            new SdkError('cache', `Could not write the flag cache at ${cachePath}: ${describeCause(cause)}`, { cause }),
          ),
        );
    }
    this.#setStatus('ready');
    this.#settleReady();
    if (flags.length > 0) this.#events.emit('change', { version: snapshot.version, flags });
  }

  #acceptSnapshot(snapshot: Snapshot): void {
    const current = this.#state.source === 'server' ? this.#state.snapshot : undefined;
    if (current !== undefined && current.environment === snapshot.environment && snapshot.version <= current.version) {
      this.#setStatus('ready');
      return;
    }
    this.#adopt(snapshot, changedFlags(this.#state.snapshot, snapshot));
  }

  #acceptPatch(patch: SnapshotPatch): void {
    // A patch builds on the server's snapshot, which the stream always sends first.
    const { source, snapshot } = this.#state;
    if (source !== 'server' || snapshot === undefined) return;
    const next = applyPatch(snapshot, patch);
    if (next !== snapshot) this.#adopt(next, patchedFlags(next, patch));
  }

  #rejected(url: string, httpStatus: number | undefined): void {
    this.#stream.close();
    this.#poller.stop();
    this.#uploader.stop();
    this.#setStatus('degraded');
    this.#report(
      new SdkError(
        'unauthorized',
        `${url} refused the SDK key (HTTP ${httpStatus ?? '?'}): check that it is a live server key (rps_…). Answering from the last known flags; not retrying.`,
      ),
    );
    this.#settleReady();
  }

  #onMessage(event: string, data: string): void {
    let body: unknown;
    try {
      body = JSON.parse(data);
    } catch (cause) {
      this.#report(
        new SdkError(
          'invalid_data',
          `${this.#streamUrl} sent a ${event} event that is not JSON (${describeCause(cause)})`,
          { cause },
        ),
      );
      return;
    }
    if (event === 'snapshot' && isSnapshot(body)) this.#acceptSnapshot(body);
    else if (event === 'patch' && isPatch(body)) this.#acceptPatch(body);
    else
      this.#report(
        new SdkError('invalid_data', `${this.#streamUrl} sent a ${event} event that is not a snapshot or a patch`),
      );
  }
}
