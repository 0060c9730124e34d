import type { JsonValue } from '@rampart/core';
import type { AuditEntry } from '../store/store.js';

/**
 * Every kind of change, as its audit entry's `action` names it and as webhooks receive it:
 * one list, so that an action cannot be audited without being an event a webhook can choose.
 */
export const EVENT_TYPES = [
  'environment.created',
  'environment.updated',
  'flag.created',
  'flag.updated',
  'flag.archived',
  'flag.restored',
  'flag.imported',
  'config.replaced',
  'config.ramped',
  'config.killed',
  'config.revived',
  'segment.created',
  'segment.updated',
  'segment.deleted',
  'segment.imported',
  'release.created',
  'release.advanced',
  'release.paused',
  'release.resumed',
  'release.completed',
  'release.aborted',
  'release.killed',
  'key.created',
  'key.revoked',
  'trigger.created',
  'trigger.deleted',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'user.created',
  'user.updated',
  'user.deleted',
  'user.invited',
  'user.password_set',
  'token.created',
  'token.revoked',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The families a webhook may subscribe to as a whole: `config.*`, `release.*`, ... */
export const EVENT_FAMILIES = [...new Set(EVENT_TYPES.map((type) => `${type.split('.')[0] ?? ''}.*`))];

/** An event's JSON, as Standard Webhooks describes it: its type, when it happened, and the audit entry. */
export interface StandardEvent {
  type: string;
  timestamp: string;
  data: AuditEntry & { truncated?: true };
}

/**
 * The largest event body sent. An entry whose `before` and `after` are larger (an import of a
 * flag with thousands of rules) is sent without them, marked `truncated`, and the receiver
 * reads the whole entry from `GET /api/v1/audit`.
 */
export const MAX_EVENT_BYTES = 64 * 1024;

/**
 * Whether a webhook's `events` choose `type`: `null` chooses every event; otherwise an exact
 * type or its family (`release.*`).
 *
 * @example
 * chooses(['release.*'], 'release.paused'); // true
 */
export function chooses(events: readonly string[] | null, type: string): boolean {
  if (events === null) return true;
  const family = `${type.split('.')[0] ?? ''}.*`;
  return events.includes(type) || events.includes(family);
}

/**
 * The event of an audit entry, in the standard format: `{ type, timestamp, data }`, cut to
 * {@link MAX_EVENT_BYTES}.
 *
 * @example
 * eventOf(entry); // { type: 'config.killed', timestamp: entry.at, data: entry }
 */
export function eventOf(entry: AuditEntry): JsonValue {
  const whole = { type: entry.action, timestamp: entry.at, data: entry };
  if (new TextEncoder().encode(JSON.stringify(whole)).byteLength <= MAX_EVENT_BYTES) return toJson(whole);
  return toJson({ ...whole, data: { ...entry, before: null, after: null, truncated: true } });
}

function toJson(event: { type: string; timestamp: string; data: object }): JsonValue {
  // An audit entry is JSON already (its optional fields absent or text): only the type needs widening.
  return JSON.parse(JSON.stringify(event)) as JsonValue;
}
