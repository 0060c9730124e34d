import { FLAG_TYPES, type FlagType } from '@rampart/core';
import {
  AUDIT_VIA,
  RELEASE_STATUSES,
  ROLES,
  type AuditTargetKind,
  type AuditVia,
  type InvitationPurpose,
  type Role,
  type SignInMethod,
  type DeliveryStatus,
  type KeyKind,
  type ReleaseStatus,
  type TriggerAction,
  type WebhookFormat,
} from './store.js';

/** Narrowing of stored strings back into their unions; a stored value outside them is corruption. */

const KEY_KINDS: readonly KeyKind[] = ['admin', 'server', 'client'];
const TARGET_KINDS: readonly AuditTargetKind[] = [
  'environment',
  'flag',
  'segment',
  'key',
  'trigger',
  'webhook',
  'user',
];
const PURPOSES: readonly InvitationPurpose[] = ['invite', 'reset'];
const METHODS: readonly SignInMethod[] = ['password', 'sso'];
const TRIGGER_ACTIONS: readonly TriggerAction[] = ['kill', 'revive'];
const WEBHOOK_FORMATS: readonly WebhookFormat[] = ['standard', 'slack'];
const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

export function toRole(value: string): Role {
  return pick(ROLES, value, 'role');
}

export function toVia(value: string): AuditVia {
  return pick(AUDIT_VIA, value, 'audit via');
}

export function toPurpose(value: string): InvitationPurpose {
  return pick(PURPOSES, value, 'invitation purpose');
}

export function toSignInMethod(value: string): SignInMethod {
  return pick(METHODS, value, 'sign-in method');
}

export function toFlagType(value: string): FlagType {
  return pick(FLAG_TYPES, value, 'flag type');
}

export function toKeyKind(value: string): KeyKind {
  return pick(KEY_KINDS, value, 'key kind');
}

export function toTargetKind(value: string): AuditTargetKind {
  return pick(TARGET_KINDS, value, 'audit target kind');
}

export function toReleaseStatus(value: string): ReleaseStatus {
  return pick(RELEASE_STATUSES, value, 'release status');
}

export function toTriggerAction(value: string): TriggerAction {
  return pick(TRIGGER_ACTIONS, value, 'trigger action');
}

export function toWebhookFormat(value: string): WebhookFormat {
  return pick(WEBHOOK_FORMATS, value, 'webhook format');
}

export function toDeliveryStatus(value: string): DeliveryStatus {
  return pick(DELIVERY_STATUSES, value, 'delivery status');
}

function pick<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`stored ${what} '${value}' is not one of ${allowed.join(', ')}`);
  return found;
}
