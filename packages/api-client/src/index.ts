export { createRampartClient, DEFAULT_TIMEOUT_MS, type RampartClient, type RampartClientOptions } from './client.js';
export {
  RampartApiError,
  unwrap,
  unreachable,
  type ApiErrorBody,
  type ApiErrorCode,
  type ApiErrorDetail,
} from './errors.js';
export { auditStream, type AuditEntry, type AuditStreamEvent, type AuditStreamOptions } from './audit-stream.js';
export type { components, operations, paths } from './schema.js';
import type { components } from './schema.js';

/** The API's named schemas, e.g. `Schemas['Flag']`. */
export type Schemas = components['schemas'];
