import {
  ErrorCode,
  OpenFeatureEventEmitter,
  ProviderEvents,
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
 * @example
 * await OpenFeature.setProviderAndWait(new RampartProvider({ url, sdkKey }));
 * const enabled = await OpenFeature.getClient().getBooleanValue('new-checkout', false, { targetingKey: user.id });
 */
export class RampartProvider implements Provider {
  readonly metadata = { name: 'rampart' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();
  readonly client: RampartClient;
  private readonly ownsClient: boolean;
  private readonly unsubscribe: (() => void)[];

  /** Takes a client, or the options to create one (which the provider then closes on shutdown). */
  constructor(clientOrOptions: RampartClient | ClientOptions) {
    this.ownsClient = !('isEnabled' in clientOrOptions);
    this.client = 'isEnabled' in clientOrOptions ? clientOrOptions : createClient(clientOrOptions);
    this.unsubscribe = [
      this.client.on('change', ({ flags }) =>
        this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: flags }),
      ),
      this.client.on('status', ({ status, previous }) => {
        if (status === 'ready' && previous === 'degraded') this.events.emit(ProviderEvents.Ready);
        if (status === 'degraded' && previous === 'ready')
          this.events.emit(ProviderEvents.Stale, {
            message: 'Lost the connection to Rampart; answering from the last known flags',
          });
      }),
      this.client.on('error', (error) => {
        if (error.code === 'unauthorized') this.events.emit(ProviderEvents.Error, { message: error.message });
      }),
    ];
  }

  /** Waits for the server's flags; rejects (the provider's ERROR state) when it cannot reach them in time. */
  async initialize(): Promise<void> {
    if ((await this.client.ready()) !== 'ready') {
      throw new Error('Rampart did not answer in time; evaluating from the bootstrap, cache or defaults until it does');
    }
  }

  async onClose(): Promise<void> {
    for (const off of this.unsubscribe) off();
    if (this.ownsClient) await this.client.close();
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

  private resolve<T>(
    flagKey: string,
    defaultValue: T,
    context: OpenFeatureContext,
    expected: Expected,
  ): ResolutionDetails<T> {
    const result = this.client.evaluate(flagKey, fromOpenFeatureContext(context));
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
}
