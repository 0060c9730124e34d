export { createClient } from './client.js';
export type { ClientEvents, RampartClient, VariantResult } from './client-api.js';
export type { ClientOptions } from './options.js';
// The vocabulary shared with the React SDK; `ClientStatus` is this SDK's name for the status.
export { SdkError } from '@rampart/core';
export type { SdkErrorCode, SdkStatus, SdkStatus as ClientStatus } from '@rampart/core';
