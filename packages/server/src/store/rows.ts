import type { JsonValue } from '@rampart/core';
import type {
  ApiKeyRecord,
  ConfigFilter,
  DeliveryFilter,
  EnvironmentRecord,
  FlagConfigRecord,
  FlagRecord,
  InvitationRecord,
  PersonalTokenRecord,
  ReleasePlanRecord,
  Role,
  SessionRecord,
  SsoLoginRecord,
  UserRecord,
  SegmentRecord,
  TriggerRecord,
  WebhookDeliveryRecord,
  WebhookRecord,
} from './store.js';

/**
 * The rows of each table as both dialects' schemas read and write them: unions stored as
 * text, optional fields as `null`. Each dialect's drizzle rows have these shapes.
 */

export type EnvironmentRow = EnvironmentRecord;
export type FlagRow = Omit<FlagRecord, 'type'> & { type: string };
export type ConfigRow = Omit<FlagConfigRecord, 'variantsBucketBy' | 'defaultVariant'> & {
  variantsBucketBy: string[] | null;
  defaultVariant: string | null;
};
export type SegmentRow = SegmentRecord;
export type KeyRow = Omit<ApiKeyRecord, 'kind'> & { kind: string };
export type ReleasePlanRow = Omit<ReleasePlanRecord, 'status'> & { status: string };
export type TriggerRow = Omit<TriggerRecord, 'action'> & { action: string };
export type UserRow = Omit<UserRecord, 'role'> & { role: string };
export type InvitationRow = Omit<InvitationRecord, 'purpose'> & { purpose: string };
export type SessionRow = Omit<SessionRecord, 'method'> & { method: string };
export type PersonalTokenRow = Omit<PersonalTokenRecord, 'role'> & { role: string };
export type SsoLoginRow = SsoLoginRecord;

/**
 * The statements over people, their sessions, tokens, invitations and single sign-ons, and
 * environments' protection; part of {@link StoreRows}, in a file of each dialect's own.
 */
export interface PeopleRows {
  /** By creation time, then id. */
  listUsers(): Promise<UserRow[]>;
  getUser(id: string): Promise<UserRow | undefined>;
  /** `email` as stored: lower-case. */
  getUserByEmail(email: string): Promise<UserRow | undefined>;
  getUserBySsoSubject(subject: string): Promise<UserRow | undefined>;
  getInvitationByHash(hash: string): Promise<InvitationRow | undefined>;
  getSession(hash: string): Promise<SessionRow | undefined>;
  /** By creation time, then id. */
  listPersonalTokens(userId: string): Promise<PersonalTokenRow[]>;
  getPersonalToken(id: string): Promise<PersonalTokenRow | undefined>;
  getSsoLogin(stateHash: string): Promise<SsoLoginRow | undefined>;
  setEnvironmentProtection(key: string, value: { protected: boolean; protectedRoles: Role[] }): Promise<void>;
  /** `false` when the id, the email or the SSO subject exists. */
  insertUser(row: UserRow): Promise<boolean>;
  updateUser(row: UserRow): Promise<void>;
  /** The user alone: their invitations, sessions and tokens go first. */
  deleteUser(id: string): Promise<void>;
  insertInvitation(row: InvitationRow): Promise<void>;
  updateInvitation(row: InvitationRow): Promise<void>;
  /** One person's invitations: the unused ones, or all of them. */
  deleteInvitations(userId: string, unusedOnly: boolean): Promise<void>;
  insertSession(row: SessionRow): Promise<void>;
  updateSession(row: SessionRow): Promise<void>;
  deleteSession(hash: string): Promise<void>;
  deleteSessions(userId: string): Promise<void>;
  /** `false` when the id or the hash exists. */
  insertPersonalToken(row: PersonalTokenRow): Promise<boolean>;
  updatePersonalToken(row: PersonalTokenRow): Promise<void>;
  deletePersonalTokens(userId: string): Promise<void>;
  insertSsoLogin(row: SsoLoginRow): Promise<void>;
  deleteSsoLogin(stateHash: string): Promise<void>;
  /** Sessions, unused invitations and SSO logins whose `expiresAt` is before `at`. */
  deleteExpired(at: string): Promise<void>;
}
export type WebhookRow = Omit<WebhookRecord, 'format'> & { format: string };
export type DeliveryRow = Omit<WebhookDeliveryRecord, 'status'> & { status: string };
/** A delivery as written: the database assigns its sequence. */
export type NewDeliveryRow = Omit<DeliveryRow, 'sequence'>;

export interface NewAuditRow {
  at: string;
  actor: string;
  via: string | null;
  action: string;
  targetKind: string;
  target: string;
  environment: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
  reason: string | null;
}

export interface AuditRow extends NewAuditRow {
  /** Assigned by the database, increasing. */
  id: number;
}

/** One flag or segment that changed at one environment version. */
export interface ChangeRow {
  environment: string;
  version: number;
  kind: string;
  key: string;
}

/** Which audit rows to fetch, at most `limit`. */
export interface AuditQuery {
  /** Rows whose target is this flag. */
  flag?: string | undefined;
  environment?: string | undefined;
  /** Only rows with a smaller id. */
  beforeId?: number | undefined;
  /** Only rows with a greater id. */
  afterId?: number | undefined;
  limit: number;
}

/**
 * What a dialect provides: its statements, over plain rows. {@link createRowAccess} builds
 * the store's methods on them (mapping, filtering, paging, grouping and errors), so that
 * each dialect holds only what really differs: its tables, its SQL and its connection.
 * Lists are ordered by code point, whatever the database's collation.
 *
 * @example
 * const access = createRowAccess(createSqliteRows(db));
 */
export interface StoreRows extends PeopleRows {
  /** By creation time, then key. */
  listEnvironments(): Promise<EnvironmentRow[]>;
  getEnvironment(key: string): Promise<EnvironmentRow | undefined>;
  /** Flags whose `archived` is the one given, by key. */
  listFlags(archived: boolean): Promise<FlagRow[]>;
  getFlag(key: string): Promise<FlagRow | undefined>;
  /** By flag, then environment. */
  listConfigs(filter: ConfigFilter): Promise<ConfigRow[]>;
  getConfig(flag: string, environment: string): Promise<ConfigRow | undefined>;
  /** By key. */
  listSegments(): Promise<SegmentRow[]>;
  getSegment(key: string): Promise<SegmentRow | undefined>;
  /** By creation time, then id. */
  listKeys(): Promise<KeyRow[]>;
  getKey(id: string): Promise<KeyRow | undefined>;
  /** Newest (greatest id) first. */
  listAudit(query: AuditQuery): Promise<AuditRow[]>;
  /** Oldest (smallest id) first. */
  listAuditAscending(query: AuditQuery): Promise<AuditRow[]>;
  /** The changes of `environment` after `version`, by version, then kind, then key. */
  listChanges(environment: string, version: number): Promise<ChangeRow[]>;
  getReleasePlan(flag: string, environment: string): Promise<ReleasePlanRow | undefined>;
  /** By flag, then environment. */
  listReleasePlans(filter: ConfigFilter): Promise<ReleasePlanRow[]>;
  /** Scheduled and running plans with `nextAt <= at`, by `nextAt`, then flag, then environment. */
  listDueReleasePlans(at: string): Promise<ReleasePlanRow[]>;
  /** By flag, then environment, then creation time, then id. */
  listTriggers(filter: ConfigFilter): Promise<TriggerRow[]>;
  getTrigger(id: string): Promise<TriggerRow | undefined>;
  getTriggerByHash(hash: string): Promise<TriggerRow | undefined>;
  /** By creation time, then id. */
  listWebhooks(): Promise<WebhookRow[]>;
  getWebhook(id: string): Promise<WebhookRow | undefined>;
  /** One webhook's deliveries, by sequence, greatest first, at most `limit` (at least 1). */
  listDeliveries(filter: DeliveryFilter): Promise<DeliveryRow[]>;
  getDelivery(id: string): Promise<DeliveryRow | undefined>;
  /**
   * Whether a delivery is due at `at`: pending, with `nextAttemptAt <= at`, without a lease or
   * with one before `at`, and of an enabled webhook.
   */
  hasDueDeliveries(at: string): Promise<boolean>;

  /** Each `insert…` leaves the table alone and gives `false` when the key exists. */
  insertEnvironment(row: EnvironmentRow): Promise<boolean>;
  insertFlag(row: FlagRow): Promise<boolean>;
  updateFlag(row: FlagRow): Promise<void>;
  /** Inserts or replaces the row of (flag, environment). */
  putConfig(row: ConfigRow): Promise<void>;
  insertSegment(row: SegmentRow): Promise<boolean>;
  updateSegment(row: SegmentRow): Promise<void>;
  deleteSegment(key: string): Promise<void>;
  insertKey(row: KeyRow): Promise<boolean>;
  revokeKey(id: string, at: string): Promise<void>;
  /** The row as stored, with its id. */
  insertAudit(row: NewAuditRow): Promise<AuditRow | undefined>;
  /** Adds one to the environment's version and gives the new one; `undefined` when there is no such environment. */
  raiseVersion(environment: string): Promise<number | undefined>;
  insertChanges(rows: ChangeRow[]): Promise<void>;
  /** Inserts or replaces the row of (flag, environment). */
  putReleasePlan(row: ReleasePlanRow): Promise<void>;
  /** `false` when the id or the hash exists. */
  insertTrigger(row: TriggerRow): Promise<boolean>;
  updateTrigger(row: TriggerRow): Promise<void>;
  deleteTrigger(id: string): Promise<void>;
  insertWebhook(row: WebhookRow): Promise<boolean>;
  updateWebhook(row: WebhookRow): Promise<void>;
  /** The webhook alone: its deliveries go first, with {@link StoreRows.deleteDeliveries}. */
  deleteWebhook(id: string): Promise<void>;
  deleteDeliveries(webhookId: string): Promise<void>;
  /** At least one row; gives the ids inserted, leaving out those that existed. */
  insertDeliveries(rows: NewDeliveryRow[]): Promise<string[]>;
  /**
   * Sets the lease of up to `limit` (at least 1) deliveries due at `at` (see
   * {@link StoreRows.hasDueDeliveries}), the ones with the smallest `nextAttemptAt`, then
   * sequence, and gives them as updated, in no particular order.
   */
  claimDueDeliveries(at: string, leaseUntil: string, limit: number, skip: readonly string[]): Promise<DeliveryRow[]>;
  /** Replaces the delivery of `row.id`; its sequence stays. */
  updateDelivery(row: NewDeliveryRow): Promise<void>;
  /** Delivered and failed deliveries whose `updatedAt` is before `before`. */
  pruneDeliveries(before: string): Promise<void>;
}
