import {
  ErrorCode,
  OpenFeatureEventEmitter,
  ProviderEvents,
  ProviderFatalError,
  type EvaluationContext as OpenFeatureContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import type { FlagValue } from '@rampart/core';
import type { RampartClient } from '../client-api.js';
import { createClient } from '../client.js';
import type { ClientOptions } from '../options.js';
import { fromOpenFeatureContext } from './context.js';

type Expected = 'boolean' | 'string' | 'number' | 'object';

function kindOf(value: FlagValue): Expected {
  return value === null || typeof value === 'object'
    ? 'object'
    : typeof value === 'boolean'
      ? 'boolean'
      : typeof value === 'number'
        ? 'number'
        : 'string';
}

function isKind<T>(value: FlagValue, expected: Expected, _default: T): value is FlagValue & T {
  return kindOf(value) === expected;
}

/**
 * An OpenFeature server provider over a Rampart client: local, synchronous evaluation behind
 * the OpenFeature API, with `READY`, `CONFIGURATION_CHANGED` (naming the changed flags),
 * `STALE` and `ERROR` events.
 *
 * Its lifecycle is OpenFeature's: `initialize()` waits for the server's flags, `onClose()`
 * returns it to not ready, and OpenFeature calls `initialize()` again when the provider is set
 * again. A provider made from options then starts a fresh client, as it closed its own; one
 * given a client takes it up again, unless that client has been closed meanwhile, which it
 * refuses with a `ProviderFatalError`. Between `onClose()` and the next `initialize()`, or
 * once a client it was given is closed, it answers the caller's default with
 * `PROVIDER_NOT_READY`, never from a closed client.
 *
 * @example
 * await OpenFeature.setProviderAndWait(new RampartProvider({ url, sdkKey }));
 * const enabled = await OpenFeature.getClient().getBooleanValue('new-checkout', false, { targetingKey: user.id });
 */
export class RampartProvider implements Provider {
  readonly metadata = { name: 'rampart' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();
  /** The options of the client the provider makes and closes itself; `undefined` when it was given one. */
  readonly #options: ClientOptions | undefined;
  #client: RampartClient;
  #unsubscribe: (() => void)[] = [];
  #closed = false;

  /** Takes a client, or the options to create one (which the provider then closes on shutdown). */
  constructor(clientOrOptions: RampartClient | ClientOptions) {
    if ('isEnabled' in clientOrOptions) {
      this.#client = clientOrOptions;
    } else {
      this.#options = clientOrOptions;
      // Made now, not at initialize(), so that the flags are on their way as soon as possible.
      this.#client = createClient(clientOrOptions);
    }
    this.#listen();
  }

  /** The client the provider answers from: after `onClose()`, the closed one until `initialize()` replaces it. */
  get client(): RampartClient {
    return this.#client;
  }

  /**
   * Waits for the server's flags; rejects (the provider's ERROR state) when it cannot reach them
   * in time. After `onClose()`, starts again: with a fresh client when the provider makes its
   * own, else with the client it was given, which must not have been closed.
   */
  async initialize(): Promise<void> {
    if (this.#closed) {
      if (this.#options !== undefined) {
        this.#client = createClient(this.#options);
      } else if (this.#client.status === 'closed') {
        // Not this provider's to reopen: FATAL, as nothing but a new provider can help.
        throw new ProviderFatalError(
          'The Rampart client given to this provider is closed; give OpenFeature a new RampartProvider with a new client',
        );
      }
      this.#closed = false;
      this.#listen();
    }
    const client = this.#client;
    const outcome = await client.ready();
    if (this.#closed || client !== this.#client) throw new Error('The Rampart provider was closed before it was ready');
    if (outcome !== 'ready') {
      throw new Error('Rampart did not answer in time; evaluating from the bootstrap, cache or defaults until it does');
    }
  }

  /** Stops listening, closes the client if the provider made it, and answers `PROVIDER_NOT_READY` until `initialize()`. */
  async onClose(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const off of this.#unsubscribe.splice(0)) off();
    if (this.#options !== undefined) await this.#client.close();
  }

  resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<boolean>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'boolean'));
  }

  resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<string>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'string'));
  }

  resolveNumberEvaluation(
    flagKey: string,
    defaultValue: number,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<number>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'number'));
  }

  resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context: OpenFeatureContext,
  ): Promise<ResolutionDetails<T>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'object'));
  }

  /**
   * OpenFeature's tracking: the event counts for the guards of guarded release plans, as the
   * client's `track` counts it (`details.value` is ignored by guards). Nothing after `onClose()`.
   */
  track(trackingEventName: string, context: OpenFeatureContext, details?: { value?: number }): void {
    if (this.#closed) return;
    try {
      this.#client.track(trackingEventName, fromOpenFeatureContext(context), details?.value);
    } catch {
      // A context that cannot be read counts nowhere; tracking never fails the caller.
    }
  }

  private resolve<T>(
    flagKey: string,
    defaultValue: T,
    context: OpenFeatureContext,
    expected: Expected,
  ): ResolutionDetails<T> {
    // A closed client would go on answering from its last flags, which no longer change.
    if (this.#closed || this.#client.status === 'closed') {
      return {
        value: defaultValue,
        reason: 'ERROR',
        errorCode: ErrorCode.PROVIDER_NOT_READY,
        errorMessage: 'The Rampart provider or its client is closed; it answers again once initialised',
      };
    }
    const result = this.#client.evaluate(flagKey, fromOpenFeatureContext(context));
    if (result.errorCode === 'FLAG_NOT_FOUND') {
      return {
        value: defaultValue,
        reason: 'ERROR',
        errorCode: ErrorCode.FLAG_NOT_FOUND,
        errorMessage: `Flag '${flagKey}' was not found`,
      };
    }
    const details = { reason: result.reason, ...(result.variant === null ? {} : { variant: result.variant }) };
    // Off, or on without a value: the caller's default, with the reason.
    if (result.value === undefined) return { value: defaultValue, ...details };
    if (!isKind(result.value, expected, defaultValue)) {
      return {
        value: defaultValue,
        reason: 'ERROR',
        errorCode: ErrorCode.TYPE_MISMATCH,
        errorMessage: `Flag '${flagKey}' is a ${kindOf(result.value)} flag, not ${expected}`,
      };
    }
    return { value: result.value, ...details };
  }

  #listen(): void {
    const client = this.#client;
    this.#unsubscribe = [
      client.on('change', ({ flags }) =>
        this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: flags }),
      ),
      client.on('status', ({ status, previous }) => {
        if (status === 'ready' && previous === 'degraded') this.events.emit(ProviderEvents.Ready);
        if (status === 'degraded' && previous === 'ready')
          this.events.emit(ProviderEvents.Stale, {
            message: 'Lost the connection to Rampart; answering from the last known flags',
          });
      }),
      client.on('error', (error) => {
        if (error.code === 'unauthorized') this.events.emit(ProviderEvents.Error, { message: error.message });
      }),
    ];
  }
}
