import {
  applyPatch,
  evaluate,
  openEventStream,
  webPlatform,
  type EvaluationContext,
  type EvaluationReason,
  type EvaluationResult,
  type FlagValue,
  type Snapshot,
  type SnapshotPatch,
  type TimerHandle,
} from '@rampart/core';
import { readCachedSnapshot, writeCachedSnapshot } from './cache-file.js';
import { createEmitter } from './emitter.js';
import { SdkError } from './errors.js';
import { changedFlags, flagState, isSnapshot, type FlagState } from './flag-state.js';
import type { ClientOptions, ClientStatus } from './options.js';
import { isPatch, patchedFlags } from './patch.js';
import { createPoller } from './poller.js';

export interface ClientEvents {
  /** `ready()` settled: with the server's flags, or `degraded` (bootstrap, cache or defaults). */
  ready: { status: 'ready' | 'degraded' };
  /** New flags arrived; `flags` names those whose answers may differ. */
  change: { version: number; flags: string[] };
  error: SdkError;
  status: { status: ClientStatus; previous: ClientStatus };
}

export interface VariantResult {
  key: string;
  value: FlagValue | undefined;
  enabled: boolean;
  reason: EvaluationReason;
}

export interface RampartClient {
  /** Resolves once the server's flags are loaded, or after `timeoutMs` with `degraded`. Never rejects. */
  ready(): Promise<'ready' | 'degraded'>;
  isEnabled(flagKey: string, context?: EvaluationContext): boolean;
  getVariant(flagKey: string, context?: EvaluationContext): VariantResult | null;
  /** The flag's value when it is on and has one of the default's type; else `defaultValue`. */
  getValue<T extends FlagValue>(flagKey: string, context: EvaluationContext | undefined, defaultValue: T): T;
  evaluate(flagKey: string, context?: EvaluationContext): EvaluationResult;
  readonly status: ClientStatus;
  /** The version of the flags answered from, when they came from the server. */
  readonly version: number | undefined;
  on<K extends keyof ClientEvents>(name: K, listener: (payload: ClientEvents[K]) => void): () => void;
  /** Closes the stream, timers and sockets; evaluation goes on answering from the last flags. */
  close(): Promise<void>;
}

const NO_CONTEXT: EvaluationContext = {};

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
  const platform = options.platform ?? webPlatform();
  const { timeoutMs = 2_000, pollIntervalMs = 10_000, cachePath } = options;
  const staticContext = options.context ?? {};
  const base = options.url.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${options.sdkKey}` };
  const events = createEmitter<ClientEvents>();
  const reported = new Set<string>();

  const cached = cachePath === undefined ? undefined : readCachedSnapshot(cachePath);
  let state: FlagState = cached
    ? flagState(cached, 'cache', staticContext, reportMissing)
    : flagState(options.bootstrap, options.bootstrap ? 'bootstrap' : 'none', staticContext, reportMissing);
  let status: ClientStatus = 'initializing';
  let settled = false;
  let outage = false;
  let pendingWrite: Promise<void> = Promise.resolve();
  let resolveReady: (status: 'ready' | 'degraded') => void = () => undefined;
  const readyPromise = new Promise<'ready' | 'degraded'>((resolve) => (resolveReady = resolve));

  function setStatus(next: ClientStatus): void {
    if (next === status || status === 'closed') return;
    const previous = status;
    status = next;
    events.emit('status', { status: next, previous });
  }

  function settleReady(): void {
    if (settled) return;
    settled = true;
    platform.clearTimeout(readyTimer);
    const outcome = status === 'ready' ? 'ready' : 'degraded';
    resolveReady(outcome);
    events.emit('ready', { status: outcome });
  }

  const readyTimer: TimerHandle = platform.setTimeout(() => {
    if (status === 'initializing') setStatus('degraded');
    settleReady();
  }, timeoutMs);

  function report(error: SdkError): void {
    events.emit('error', error);
  }

  function adopt(snapshot: Snapshot, flags: string[]): void {
    state = flagState(snapshot, 'server', staticContext, reportMissing);
    if (cachePath !== undefined) {
      pendingWrite = pendingWrite
        .then(() => writeCachedSnapshot(cachePath, snapshot))
        .catch((cause: unknown) => report(new SdkError('cache', `Could not write the flag cache at ${cachePath}`, { cause })));
    }
    setStatus('ready');
    settleReady();
    if (flags.length > 0) events.emit('change', { version: snapshot.version, flags });
  }

  function acceptSnapshot(snapshot: Snapshot): void {
    const current = state.source === 'server' ? state.snapshot : undefined;
    if (current !== undefined && current.environment === snapshot.environment && snapshot.version <= current.version) {
      setStatus('ready');
      return;
    }
    adopt(snapshot, changedFlags(state.snapshot, snapshot));
  }

  function acceptPatch(patch: SnapshotPatch): void {
    // A patch builds on the server's snapshot, which the stream always sends first.
    if (state.source !== 'server' || state.snapshot === undefined) return;
    const next = applyPatch(state.snapshot, patch);
    if (next !== state.snapshot) adopt(next, patchedFlags(next, patch));
  }

  function rejected(httpStatus: number | undefined): void {
    stream.close();
    poller.stop();
    setStatus('degraded');
    report(new SdkError('unauthorized', `The server refused the SDK key (HTTP ${httpStatus ?? '?'}): check that it is a live server key (rps_…). Answering from the last known flags; not retrying.`));
    settleReady();
  }

  const poller = createPoller({
    platform,
    url: `${base}/api/v1/sdk/flags`,
    headers,
    intervalMs: pollIntervalMs,
    version: () => (state.source === 'server' ? state.snapshot?.version : undefined),
    onSnapshot: acceptSnapshot,
    onOutcome: (ok) => {
      if (ok) setStatus('ready');
      else if (status === 'ready') setStatus('degraded');
    },
    onRejected: rejected,
  });

  function onMessage(event: string, data: string): void {
    let body: unknown;
    try {
      body = JSON.parse(data);
    } catch (cause) {
      report(new SdkError('invalid_data', `The stream sent a ${event} event that is not JSON`, { cause }));
      return;
    }
    if (event === 'snapshot' && isSnapshot(body)) acceptSnapshot(body);
    else if (event === 'patch' && isPatch(body)) acceptPatch(body);
    else report(new SdkError('invalid_data', `The stream sent an unexpected ${event} event`));
  }

  const stream = openEventStream({
    url: `${base}/api/v1/sdk/stream`,
    headers,
    platform,
    ...(options.heartbeatTimeoutMs === undefined ? {} : { heartbeatTimeoutMs: options.heartbeatTimeoutMs }),
    ...(options.initialReconnectDelayMs === undefined ? {} : { initialDelayMs: options.initialReconnectDelayMs }),
    ...(options.maxReconnectDelayMs === undefined ? {} : { maxDelayMs: options.maxReconnectDelayMs }),
    onEvent(event) {
      if (event.type === 'open') {
        outage = false;
        poller.stop();
      } else if (event.type === 'message') {
        onMessage(event.event, event.data);
      } else if (!event.willRetry) {
        rejected(event.error.status);
      } else {
        if (!outage) report(new SdkError('connection', `Lost the flag stream (${event.error.message}); answering from the last known flags and reconnecting`, { cause: event.error }));
        outage = true;
        poller.start();
      }
    },
  });

  function reportMissing(flagKey: string): void {
    if (reported.has(flagKey)) return;
    reported.add(flagKey);
    report(new SdkError('flag_not_found', `Flag '${flagKey}' is not in the ${state.snapshot?.environment || 'loaded'} flags; answering the default`));
  }

  // The hot path: one call into core; core reports unknown flags through onUnknownFlag.
  const evaluateFlag = (flagKey: string, context: EvaluationContext | undefined): EvaluationResult =>
    evaluate(state.compiled, flagKey, context ?? NO_CONTEXT);

  return {
    ready: () => readyPromise,
    isEnabled: (flagKey, context) => evaluate(state.compiled, flagKey, context ?? NO_CONTEXT).enabled,
    getVariant(flagKey, context) {
      const result = evaluateFlag(flagKey, context);
      return result.variant === null ? null : { key: result.variant, value: result.value, enabled: result.enabled, reason: result.reason };
    },
    getValue(flagKey, context, defaultValue) {
      const result = evaluateFlag(flagKey, context);
      return result.enabled && sameKind(result.value, defaultValue) ? result.value : defaultValue;
    },
    evaluate: evaluateFlag,
    get status() {
      return status;
    },
    get version() {
      return state.source === 'server' ? state.snapshot?.version : undefined;
    },
    on: (name, listener) => events.on(name, listener),
    async close() {
      stream.close();
      poller.stop();
      settleReady();
      setStatus('closed');
      events.clear();
      await pendingWrite;
    },
  };
}
