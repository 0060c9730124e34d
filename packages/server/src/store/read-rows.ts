import {
  toDeliveryStatus,
  toFlagType,
  toPurpose,
  toRole,
  toSignInMethod,
  toVia,
  toKeyKind,
  toReleaseStatus,
  toTargetKind,
  toTriggerAction,
  toWebhookFormat,
} from './narrow.js';
import type {
  AuditRow,
  ConfigRow,
  DeliveryRow,
  FlagRow,
  InvitationRow,
  KeyRow,
  PersonalTokenRow,
  SessionRow,
  UserRow,
  ReleasePlanRow,
  TriggerRow,
  WebhookRow,
} from './rows.js';
import type {
  ApiKeyRecord,
  AuditEntry,
  FlagConfigRecord,
  FlagFilter,
  FlagRecord,
  InvitationRecord,
  PersonalTokenRecord,
  ReleasePlanRecord,
  SessionRecord,
  UserRecord,
  TriggerRecord,
  WebhookDeliveryRecord,
  WebhookRecord,
} from './store.js';

/** Stored rows back into the store's records, for every dialect (see rows.ts for their shapes). */

/** `read(row)`, or `undefined` without a row. */
export function ifFound<R, T>(row: R | undefined, read: (row: R) => T): T | undefined {
  return row === undefined ? undefined : read(row);
}

export const readFlag = (row: FlagRow): FlagRecord => ({ ...row, type: toFlagType(row.type) });

export function readConfig(row: ConfigRow): FlagConfigRecord {
  const { variantsBucketBy, defaultVariant, ...rest } = row;
  return {
    ...rest,
    ...(variantsBucketBy === null ? {} : { variantsBucketBy }),
    ...(defaultVariant === null ? {} : { defaultVariant }),
  };
}

export const readKey = (row: KeyRow): ApiKeyRecord => ({ ...row, kind: toKeyKind(row.kind) });

export const readReleasePlan = (row: ReleasePlanRow): ReleasePlanRecord => ({
  ...row,
  status: toReleaseStatus(row.status),
});

export const readTrigger = (row: TriggerRow): TriggerRecord => ({ ...row, action: toTriggerAction(row.action) });

export const readWebhook = (row: WebhookRow): WebhookRecord => ({ ...row, format: toWebhookFormat(row.format) });

export const readDelivery = (row: DeliveryRow): WebhookDeliveryRecord => ({
  ...row,
  status: toDeliveryStatus(row.status),
});

export const readUser = (row: UserRow): UserRecord => ({ ...row, role: toRole(row.role) });

export const readInvitation = (row: InvitationRow): InvitationRecord => ({ ...row, purpose: toPurpose(row.purpose) });

export const readSession = (row: SessionRow): SessionRecord => ({ ...row, method: toSignInMethod(row.method) });

export const readPersonalToken = (row: PersonalTokenRow): PersonalTokenRecord => ({ ...row, role: toRole(row.role) });

export function readAudit(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at,
    actor: row.actor,
    ...(row.via === null ? {} : { via: toVia(row.via) }),
    action: row.action,
    targetKind: toTargetKind(row.targetKind),
    target: row.target,
    ...(row.environment === null ? {} : { environment: row.environment }),
    before: row.before ?? null,
    after: row.after ?? null,
    ...(row.reason === null ? {} : { reason: row.reason }),
  };
}

/** Whether a flag passes the `tag` and `q` parts of a filter (`archived` is the query's). */
export function matchesFlagFilter(flag: FlagRecord, filter: FlagFilter): boolean {
  const needle = filter.q?.toLowerCase();
  if (filter.tag !== undefined && !flag.tags.includes(filter.tag)) return false;
  return (
    needle === undefined || flag.key.toLowerCase().includes(needle) || flag.description.toLowerCase().includes(needle)
  );
}
