// Type-checked (never run) with `tsc --strict` under moduleResolution node10, node16 (also as
// `types.mts`, an ES module) and bundler: every entry point resolves, with real types.
import { compile, evaluate, type EvaluationResult, type Snapshot } from '@rampart/core';
import { SdkError, type SdkStatus } from '@rampart/core/sdk';
import { createSseParser, type SseMessage } from '@rampart/core/stream';
import { createFakePlatform } from '@rampart/core/testing';
import { createClient, type ClientStatus, type RampartClient } from '@rampart/sdk-node';
import { RampartProvider } from '@rampart/sdk-node/openfeature';
import { createFlagStore, RampartProvider as FlagProvider, useFlag, type FlagStore } from '@rampart/sdk-react';
import { createElement, type ReactElement } from 'react';

export function evaluateOnce(snapshot: Snapshot): EvaluationResult {
  return evaluate(compile(snapshot), 'new-checkout', { userId: 'u1', beta: true });
}

export function nodeClient(bootstrap: Snapshot): RampartClient {
  const client = createClient({
    url: 'http://rampart.test',
    sdkKey: 'rps_test',
    bootstrap,
    platform: createFakePlatform(),
  });
  client.on('error', (error) => console.error(error instanceof SdkError && error.code));
  const status: ClientStatus = client.status;
  console.log(status, new RampartProvider(client).metadata.name);
  // @ts-expect-error flag keys are strings: the SDK's types are real, not `any`
  client.isEnabled(42);
  return client;
}

export function parse(text: string): SseMessage[] {
  const messages: SseMessage[] = [];
  createSseParser({ onEvent: (message) => messages.push(message), onRetry: () => {} })(text);
  return messages;
}

export function browserStore(): FlagStore {
  const store = createFlagStore({ url: 'https://flags.example.com', clientKey: 'rpc_test' });
  const status: SdkStatus = store.status;
  console.log(status);
  return store;
}

function Banner(): ReactElement {
  const on: boolean = useFlag('new-checkout');
  return createElement('p', null, on ? 'new' : 'old');
}

export const app: ReactElement = createElement(
  FlagProvider,
  { url: 'https://flags.example.com', clientKey: 'rpc_test', context: { userId: 'u1' } },
  createElement(Banner),
);
