import type { Condition, FlagType, JsonValue, Prerequisite, Rule, Snapshot, UnitChain, Variant } from '@rampart/core';

/**
 * The storage port. Every method is async so that a networked database can implement it
 * without changing any caller. Times are ISO 8601 strings; JSON-ish fields are plain data.
 */

export interface EnvironmentRecord {
  key: string;
  name: string;
  /** Increases with every change that affects the environment. */
  version: number;
  createdAt: string;
  /** Only admins, and the roles in `protectedRoles`, may change configurations here. */
  protected: boolean;
  /** Roles besides admin that may change configurations in a protected environment. */
  protectedRoles: Role[];
}

/** What a person may do: read (`viewer`), change flags and their releases (`editor`), and everything (`admin`). */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A person who signs in. */
export interface UserRecord {
  id: string;
  /** Lower-case; unique. */
  email: string;
  name: string;
  role: Role;
  /** The password's argon2id hash in PHC form; `null` until the person sets one (or for single sign-on only). */
  passwordHash: string | null;
  disabled: boolean;
  /** `issuer|subject` of the single sign-on identity; `null` for a person who never signed in that way. */
  ssoSubject: string | null;
  /** Failed password sign-ins since the last success, and when the account may be tried again. */
  failedSignIns: number;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string | null;
}

export type InvitationPurpose = 'invite' | 'reset';

/** A one-time link to set a password: shown once, stored as the hash of its token. */
export interface InvitationRecord {
  id: string;
  userId: string;
  /** Lower-case hex SHA-256 of the token. */
  hash: string;
  purpose: InvitationPurpose;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export type SignInMethod = 'password' | 'sso';

/** A signed-in browser: the cookie holds a random token, the store only its hash. */
export interface SessionRecord {
  /** Lower-case hex SHA-256 of the cookie's token. */
  hash: string;
  userId: string;
  method: SignInMethod;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** A personal access token (`rpt_…`) for the API and the CLI. */
export interface PersonalTokenRecord {
  id: string;
  userId: string;
  name: string;
  /** The most the token may do; it never exceeds its owner's role at the time of use. */
  role: Role;
  /** Lower-case hex SHA-256 of the whole token. */
  hash: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A single sign-on under way: what the callback needs to finish it (PKCE, state, nonce). */
export interface SsoLoginRecord {
  /** Lower-case hex SHA-256 of the `state` sent to the provider. */
  stateHash: string;
  codeVerifier: string;
  nonce: string;
  /** Where to send the browser once signed in (a path on this server). */
  returnTo: string;
  createdAt: string;
  expiresAt: string;
}

export interface FlagRecord {
  key: string;
  type: FlagType;
  description: string;
  tags: string[];
  owner: string;
  temporary: boolean;
  clientSide: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface FlagConfigRecord {
  flag: string;
  environment: string;
  enabled: boolean;
  rules: Rule[];
  variants: Variant[];
  variantsBucketBy?: UnitChain | undefined;
  /** Non-boolean flags: the flag-level variant served when no rule matches. */
  defaultVariant?: string | undefined;
  prerequisites: Prerequisite[];
  /** +1 on every change of this configuration; the `ETag`. */
  version: number;
  updatedAt: string;
}

export interface SegmentRecord {
  key: string;
  name: string;
  description: string;
  conditions: Condition[];
  createdAt: string;
  updatedAt: string;
}

export type KeyKind = 'admin' | 'server' | 'client';

export interface ApiKeyRecord {
  id: string;
  kind: KeyKind;
  /** `null` for admin keys. */
  environment: string | null;
  name: string;
  /** Lower-case hex SHA-256 of the whole secret. */
  hash: string;
  createdAt: string;
  revokedAt: string | null;
}

export type AuditTargetKind = 'environment' | 'flag' | 'segment' | 'key' | 'trigger' | 'webhook' | 'user';

/**
 * How the actor acted: a person through the web UI (`ui`, a session), the API (`api`, a
 * personal access token) or the CLI (`cli`, a token sent by the CLI); or on its own: an admin
 * key (`key`), a release plan (`plan`), a trigger (`trigger`), or the server itself (`system`).
 */
export const AUDIT_VIA = ['ui', 'api', 'cli', 'key', 'plan', 'trigger', 'system'] as const;
export type AuditVia = (typeof AUDIT_VIA)[number];

export interface NewAuditEntry {
  at: string;
  /** Who: a person's email, a key's name, `release:<plan id>`, `trigger:<name>`. */
  actor: string;
  /** How; absent on entries written before it was recorded. */
  via?: AuditVia | undefined;
  action: string;
  targetKind: AuditTargetKind;
  target: string;
  environment?: string | undefined;
  before: JsonValue;
  after: JsonValue;
  reason?: string | undefined;
}

export interface AuditEntry extends NewAuditEntry {
  /** Opaque and increasing: a later entry has a greater id. */
  id: string;
}

/** Where a release plan stands; the last three are final. */
export const RELEASE_STATUSES = ['scheduled', 'running', 'paused', 'completed', 'aborted', 'killed'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** One step of a release plan: a rollout percentage, then how long to hold it before the next step. */
export interface ReleaseStep {
  percentage: number;
  /** Seconds to wait at this percentage; the last step needs none. */
  holdSeconds?: number | undefined;
  /** When the plan applied this step; absent until then. */
  appliedAt?: string | undefined;
}

/** What watches a release (stored only: the figures are computed elsewhere). */
export interface ReleaseGuard {
  event: string;
  action: 'kill' | 'pause';
  alpha: number;
  minExposures: number;
}

/**
 * What a plan's guard has measured: plain JSON, written only by the release plans' guard, which
 * checks it when reading it back (the store keeps it as it is).
 */
export interface ReleaseGuardProgress {
  /** The sequential test's state (release-plans/sequential-test.ts), carried across every batch of the plan. */
  state: JsonValue;
  /** The latest figures, as `GET …/release` shows them. */
  figures: JsonValue;
  /** The latest decision: `continue`, `harm` or `sample-ratio-mismatch`. */
  decision: string;
  /** The decisions the guard has acted on, each acted on once: a person who resumes the plan overrides it. */
  acted: string[];
}

/**
 * The part of the configuration a release plan controls, as the plan last saw it: the flag's
 * on/off state and its rule (or, before the plan has a rule, the "everyone" rules). Anything
 * else there differs only when someone else changed it.
 */
export interface ReleaseObserved {
  enabled: boolean;
  rules: Rule[];
}

/** A release plan: one rule's rollout in one environment, moved step by step. */
export interface ReleasePlanRecord {
  id: string;
  flag: string;
  environment: string;
  /** `null` until the first step adds the "everyone" rule the plan was made for. */
  ruleId: string | null;
  steps: ReleaseStep[];
  guard: ReleaseGuard | null;
  /** `null` until the guard has measured anything (and for a plan without a guard). */
  guardProgress: ReleaseGuardProgress | null;
  startAt: string | null;
  status: ReleaseStatus;
  /** How many steps have been applied, from the first. */
  stepsApplied: number;
  /** When the next step is due; `null` unless scheduled or running. */
  nextAt: string | null;
  observed: ReleaseObserved;
  pausedReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type TriggerAction = 'kill' | 'revive';

/** A secret URL that kills or revives one flag in one environment when called (an alert's webhook). */
export interface TriggerRecord {
  id: string;
  flag: string;
  environment: string;
  name: string;
  action: TriggerAction;
  /** Lower-case hex SHA-256 of the URL's secret, which is never stored. */
  hash: string;
  createdBy: string;
  createdAt: string;
  /** When the URL was last called with its secret; `null` until then. */
  lastFiredAt: string | null;
  /** The start of the current rate-limit window, and the calls counted in it. */
  windowStartedAt: string | null;
  windowCount: number;
}

export type WebhookFormat = 'standard' | 'slack';

/** Where events are sent, which ones, and how. */
export interface WebhookRecord {
  id: string;
  url: string;
  /** Event types (`config.killed`) or families (`release.*`); `null` for every event. */
  events: string[] | null;
  /** Environments whose events are sent; `null` for all. Events of no environment are always sent. */
  environments: string[] | null;
  format: WebhookFormat;
  /**
   * The signing secret (`whsec_…`). Signing needs the secret itself, so unlike keys it is kept
   * as it is; it is shown when the webhook is created and never again (docs/integrations.md).
   */
  secret: string;
  enabled: boolean;
  /** Why the webhook was disabled (by its failures or by a person); `null` while enabled. */
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One attempt to send a delivery. */
export interface DeliveryAttempt {
  at: string;
  durationMs: number;
  /** The receiver's HTTP status, when it answered. */
  status?: number | undefined;
  /** Why the attempt failed without an answer (refused address, timeout, connection error). */
  error?: string | undefined;
}

/** One event on its way to one webhook: the outbox row, queued in the transaction of the change. */
export interface WebhookDeliveryRecord {
  /** `msg_…`: the `webhook-id` header, the same on every attempt. */
  id: string;
  /** Assigned by the store, increasing: a later delivery has a greater sequence. */
  sequence: number;
  webhookId: string;
  eventType: string;
  /** The event in the standard format, as queued. */
  payload: JsonValue;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /**
   * How many of `attempts` came before the current run: 0, until a person asks for a
   * redelivery, which starts a new run with the whole retry schedule before it.
   */
  earlierAttempts: number;
  /** When the next attempt is due; `null` unless pending. */
  nextAttemptAt: string | null;
  /** An instance that claimed the delivery holds it until then; `null` when unclaimed. */
  leaseUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewWebhookDelivery = Omit<WebhookDeliveryRecord, 'sequence'>;

export interface DeliveryFilter {
  webhookId: string;
  limit: number;
  /** Only deliveries with a smaller sequence (the previous page's last). */
  beforeSequence?: number | undefined;
}

export interface FlagFilter {
  tag?: string | undefined;
  /** Case-insensitive substring of the key or the description. */
  q?: string | undefined;
  /** `undefined`: only live flags; `true`: only archived ones; `false`: only live ones. */
  archived?: boolean | undefined;
}

export interface ConfigFilter {
  flag?: string | undefined;
  environment?: string | undefined;
}

export interface AuditFilter {
  /** Entries whose target is this flag. */
  flag?: string | undefined;
  environment?: string | undefined;
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** The entries that follow one, oldest first: what a reader that follows the log reads next. */
export interface AuditAfterFilter {
  /** The id of an entry: only later ones. Absent, from the first entry; any other string matches nothing. */
  after?: string | undefined;
  /** Entries whose target is this flag. */
  flag?: string | undefined;
  environment?: string | undefined;
  limit: number;
}

/** What changed at one environment version: the change log that SDK patches are built from. */
export interface ChangeRecord {
  version: number;
  flags: string[];
  segments: string[];
}

export interface ChangedKeys {
  flags?: readonly string[];
  segments?: readonly string[];
}

export interface StoreReader {
  listEnvironments(): Promise<EnvironmentRecord[]>;
  getEnvironment(key: string): Promise<EnvironmentRecord | undefined>;
  listFlags(filter?: FlagFilter): Promise<FlagRecord[]>;
  getFlag(key: string): Promise<FlagRecord | undefined>;
  listFlagConfigs(filter?: ConfigFilter): Promise<FlagConfigRecord[]>;
  getFlagConfig(flag: string, environment: string): Promise<FlagConfigRecord | undefined>;
  listSegments(): Promise<SegmentRecord[]>;
  getSegment(key: string): Promise<SegmentRecord | undefined>;
  listKeys(): Promise<ApiKeyRecord[]>;
  getKey(id: string): Promise<ApiKeyRecord | undefined>;
  /** Newest first. An unknown cursor gives an empty page. */
  listAudit(filter: AuditFilter): Promise<AuditPage>;
  /** Oldest (smallest id) first, at most `limit` (none below 1). */
  listAuditAfter(filter: AuditAfterFilter): Promise<AuditEntry[]>;
  /** The environment as SDKs see it (archived flags left out), or `undefined` when it does not exist. */
  getSnapshot(environment: string): Promise<Snapshot | undefined>;
  /** The changes recorded after `version`, oldest first. */
  listChangesSince(environment: string, version: number): Promise<ChangeRecord[]>;
  /** The latest release plan of (flag, environment), finished or not. */
  getReleasePlan(flag: string, environment: string): Promise<ReleasePlanRecord | undefined>;
  /** Every environment's latest plan, by flag, then environment. */
  listReleasePlans(filter?: ConfigFilter): Promise<ReleasePlanRecord[]>;
  /** Scheduled and running plans whose next step is due at `at` (ISO 8601) or before, the longest due first. */
  listDueReleasePlans(at: string): Promise<ReleasePlanRecord[]>;
  /** By flag, then environment, then creation time, then id. */
  listTriggers(filter?: ConfigFilter): Promise<TriggerRecord[]>;
  getTrigger(id: string): Promise<TriggerRecord | undefined>;
  getTriggerByHash(hash: string): Promise<TriggerRecord | undefined>;
  /** By creation time, then id. */
  listWebhooks(): Promise<WebhookRecord[]>;
  getWebhook(id: string): Promise<WebhookRecord | undefined>;
  /** One webhook's deliveries, newest (greatest sequence) first. */
  listDeliveries(filter: DeliveryFilter): Promise<WebhookDeliveryRecord[]>;
  getDelivery(id: string): Promise<WebhookDeliveryRecord | undefined>;
  /** Whether a pending delivery of an enabled webhook is due at `at` and not claimed (lease `null` or before `at`). */
  hasDueDeliveries(at: string): Promise<boolean>;
  /** By creation time, then id. */
  listUsers(): Promise<UserRecord[]>;
  getUser(id: string): Promise<UserRecord | undefined>;
  /** `email` is compared lower-cased. */
  getUserByEmail(email: string): Promise<UserRecord | undefined>;
  getUserBySsoSubject(subject: string): Promise<UserRecord | undefined>;
  getInvitationByHash(hash: string): Promise<InvitationRecord | undefined>;
  getSession(hash: string): Promise<SessionRecord | undefined>;
  /** One person's tokens, by creation time, then id. */
  listPersonalTokens(userId: string): Promise<PersonalTokenRecord[]>;
  getPersonalToken(id: string): Promise<PersonalTokenRecord | undefined>;
  getSsoLogin(stateHash: string): Promise<SsoLoginRecord | undefined>;
}

export interface StoreWriter extends StoreReader {
  /** Throws `RampartError('conflict')` when the key exists. */
  insertEnvironment(record: EnvironmentRecord): Promise<void>;
  /** Throws `RampartError('conflict')` when the key exists. */
  insertFlag(record: FlagRecord): Promise<void>;
  updateFlag(record: FlagRecord): Promise<void>;
  /** Inserts or replaces the configuration of (flag, environment). */
  putFlagConfig(record: FlagConfigRecord): Promise<void>;
  /** Throws `RampartError('conflict')` when the key exists. */
  insertSegment(record: SegmentRecord): Promise<void>;
  updateSegment(record: SegmentRecord): Promise<void>;
  deleteSegment(key: string): Promise<void>;
  /** Throws `RampartError('conflict')` when the id exists. */
  insertKey(record: ApiKeyRecord): Promise<void>;
  revokeKey(id: string, at: string): Promise<void>;
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Raises the environment's version by one, records what changed at it and returns it. */
  bumpVersion(environment: string, changed: ChangedKeys): Promise<number>;
  /** Inserts the plan, or replaces the plan of its (flag, environment). */
  putReleasePlan(record: ReleasePlanRecord): Promise<void>;
  /** Throws `RampartError('conflict')` when the id or the hash exists. */
  insertTrigger(record: TriggerRecord): Promise<void>;
  /** Replaces the trigger of `record.id`. */
  updateTrigger(record: TriggerRecord): Promise<void>;
  deleteTrigger(id: string): Promise<void>;
  /** Throws `RampartError('conflict')` when the id exists. */
  insertWebhook(record: WebhookRecord): Promise<void>;
  /** Replaces the webhook of `record.id`. */
  updateWebhook(record: WebhookRecord): Promise<void>;
  /** Deletes the webhook and its deliveries. */
  deleteWebhook(id: string): Promise<void>;
  insertDeliveries(records: readonly NewWebhookDelivery[]): Promise<void>;
  /**
   * Claims up to `limit` deliveries that {@link StoreReader.hasDueDeliveries} would count, the
   * longest due first, by setting their lease to `leaseUntil`, and returns them as claimed.
   * Deliveries of the webhooks in `skip` are left (this instance is busy sending to them).
   */
  claimDueDeliveries(
    at: string,
    leaseUntil: string,
    limit: number,
    skip?: readonly string[],
  ): Promise<WebhookDeliveryRecord[]>;
  /** Replaces the delivery of `record.id` (its sequence stays). */
  updateDelivery(record: WebhookDeliveryRecord): Promise<void>;
  /** Deletes delivered and failed deliveries last changed before `before`; pending ones stay. */
  pruneDeliveries(before: string): Promise<void>;
  /** Sets whether the environment is protected, and the roles besides admin that may change it then. */
  setEnvironmentProtection(key: string, value: { protected: boolean; protectedRoles: Role[] }): Promise<void>;
  /** Throws `RampartError('conflict')` when the id, the email or the SSO subject exists. */
  insertUser(record: UserRecord): Promise<void>;
  /** Replaces the user of `record.id`; `RampartError('conflict')` when the email or SSO subject is another user's. */
  updateUser(record: UserRecord): Promise<void>;
  /** Deletes the user with their invitations, sessions and tokens. */
  deleteUser(id: string): Promise<void>;
  insertInvitation(record: InvitationRecord): Promise<void>;
  /** Replaces the invitation of `record.id`. */
  updateInvitation(record: InvitationRecord): Promise<void>;
  /** Deletes one person's unused invitations (a new one replaces them). */
  deleteInvitations(userId: string): Promise<void>;
  insertSession(record: SessionRecord): Promise<void>;
  /** Replaces the session of `record.hash`. */
  updateSession(record: SessionRecord): Promise<void>;
  deleteSession(hash: string): Promise<void>;
  /** Deletes every session of one person. */
  deleteSessions(userId: string): Promise<void>;
  /** Deletes sessions, unused invitations and SSO logins that expired before `at`. */
  deleteExpired(at: string): Promise<void>;
  /** Throws `RampartError('conflict')` when the id or hash exists. */
  insertPersonalToken(record: PersonalTokenRecord): Promise<void>;
  /** Replaces the token of `record.id`. */
  updatePersonalToken(record: PersonalTokenRecord): Promise<void>;
  insertSsoLogin(record: SsoLoginRecord): Promise<void>;
  deleteSsoLogin(stateHash: string): Promise<void>;
}

export type StoreHealth = { ok: true } | { ok: false; reason: string };

/**
 * A store. `transaction` runs `work` atomically and in isolation: concurrent transactions
 * behave as if they ran one after another, and a rejected `work` leaves nothing behind.
 *
 * @example
 * const version = await store.transaction(async (tx) => tx.bumpVersion('production', { flags: ['a'] }));
 */
export interface Store extends StoreReader {
  transaction<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T>;
  /** Whether the store answers and its migrations are applied. */
  check(): Promise<StoreHealth>;
  close(): Promise<void>;
}
