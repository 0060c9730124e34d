export { createClient } from './client.js';
export type { ClientEvents, RampartClient, VariantResult } from './client-api.js';
export type { ClientOptions, ClientStatus } from './options.js';
export { SdkError } from './errors.js';
export type { SdkErrorCode } from './errors.js';
