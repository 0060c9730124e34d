import type { Condition, JsonValue, Prerequisite, Rule, Variant } from '@rampart/core';
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type {
  DeliveryAttempt,
  ReleaseGuard,
  ReleaseGuardProgress,
  ReleaseObserved,
  ReleaseStep,
  Role,
} from '../store.js';

/**
 * PostgreSQL schema. `drizzle-kit generate` turns changes here into migrations. Times stay
 * text and JSON fields `json` (not `jsonb`), as in SQLite, so that what is stored reads back
 * byte for byte, object key order included.
 */

export const environments = pgTable('environments', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  version: integer('version').notNull(),
  createdAt: text('created_at').notNull(),
  protected: boolean('protected').notNull().default(false),
  protectedRoles: json('protected_roles')
    .$type<Role[]>()
    .notNull()
    .default(sql`'[]'::json`),
});

export const flags = pgTable('flags', {
  key: text('key').primaryKey(),
  type: text('type').notNull(),
  description: text('description').notNull(),
  tags: json('tags').$type<string[]>().notNull(),
  owner: text('owner').notNull(),
  temporary: boolean('temporary').notNull(),
  clientSide: boolean('client_side').notNull(),
  archived: boolean('archived').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const flagConfigs = pgTable(
  'flag_configs',
  {
    flag: text('flag_key')
      .notNull()
      .references(() => flags.key),
    environment: text('environment')
      .notNull()
      .references(() => environments.key),
    enabled: boolean('enabled').notNull(),
    rules: json('rules').$type<Rule[]>().notNull(),
    variants: json('variants').$type<Variant[]>().notNull(),
    variantsBucketBy: json('variants_bucket_by').$type<string[]>(),
    defaultVariant: text('default_variant'),
    prerequisites: json('prerequisites').$type<Prerequisite[]>().notNull(),
    version: integer('version').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.flag, table.environment] }),
    index('flag_configs_environment').on(table.environment),
  ],
);

export const segments = pgTable('segments', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  conditions: json('conditions').$type<Condition[]>().notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  environment: text('environment').references(() => environments.key),
  name: text('name').notNull(),
  hash: text('hash').notNull(),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
});

export const auditEntries = pgTable(
  'audit_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    targetKind: text('target_kind').notNull(),
    target: text('target').notNull(),
    environment: text('environment'),
    via: text('via'),
    before: json('before').$type<JsonValue>(),
    after: json('after').$type<JsonValue>(),
    reason: text('reason'),
  },
  (table) => [
    index('audit_entries_target').on(table.targetKind, table.target),
    index('audit_entries_environment').on(table.environment),
  ],
);

/** Which flags and segments changed at each environment version. */
export const changes = pgTable(
  'changes',
  {
    environment: text('environment')
      .notNull()
      .references(() => environments.key),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
  },
  (table) => [primaryKey({ columns: [table.environment, table.version, table.kind, table.key] })],
);

/** The latest release plan of each flag in each environment; a new plan replaces a finished one. */
export const releasePlans = pgTable(
  'release_plans',
  {
    flag: text('flag_key')
      .notNull()
      .references(() => flags.key),
    environment: text('environment')
      .notNull()
      .references(() => environments.key),
    id: text('id').notNull(),
    ruleId: text('rule_id'),
    steps: json('steps').$type<ReleaseStep[]>().notNull(),
    guard: json('guard').$type<ReleaseGuard>(),
    guardProgress: json('guard_progress').$type<ReleaseGuardProgress>(),
    startAt: text('start_at'),
    status: text('status').notNull(),
    stepsApplied: integer('steps_applied').notNull(),
    nextAt: text('next_at'),
    observed: json('observed').$type<ReleaseObserved>().notNull(),
    pausedReason: text('paused_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.flag, table.environment] }),
    uniqueIndex('release_plans_id').on(table.id),
    index('release_plans_next_at').on(table.nextAt),
  ],
);

/** Secret URLs that kill or revive one flag in one environment; only the secret's hash is kept. */
export const triggers = pgTable(
  'triggers',
  {
    id: text('id').primaryKey(),
    flag: text('flag_key')
      .notNull()
      .references(() => flags.key),
    environment: text('environment')
      .notNull()
      .references(() => environments.key),
    name: text('name').notNull(),
    action: text('action').notNull(),
    hash: text('hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    lastFiredAt: text('last_fired_at'),
    windowStartedAt: text('window_started_at'),
    windowCount: integer('window_count').notNull(),
  },
  (table) => [
    uniqueIndex('triggers_hash').on(table.hash),
    index('triggers_flag_environment').on(table.flag, table.environment),
  ],
);

export const webhooks = pgTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  events: json('events').$type<string[]>(),
  environments: json('environments').$type<string[]>(),
  format: text('format').notNull(),
  secret: text('secret').notNull(),
  enabled: boolean('enabled').notNull(),
  disabledReason: text('disabled_reason'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * The outbox: one row per event and webhook, queued in the transaction of the change. The due
 * index keeps `next_attempt_at` in the byte-wise collation that the due query compares it in.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    sequence: bigint('sequence', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    id: text('id').notNull(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    eventType: text('event_type').notNull(),
    payload: json('payload').$type<JsonValue>().notNull(),
    status: text('status').notNull(),
    attempts: json('attempts').$type<DeliveryAttempt[]>().notNull(),
    earlierAttempts: integer('earlier_attempts').notNull(),
    nextAttemptAt: text('next_attempt_at'),
    leaseUntil: text('lease_until'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('webhook_deliveries_id').on(table.id),
    index('webhook_deliveries_webhook_id').on(table.webhookId),
    index('webhook_deliveries_due').on(table.status, sql`${table.nextAttemptAt} collate "C"`),
  ],
);

/** People who sign in. */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash'),
    disabled: boolean('disabled').notNull(),
    ssoSubject: text('sso_subject'),
    failedSignIns: integer('failed_sign_ins').notNull(),
    lockedUntil: text('locked_until'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    lastSeenAt: text('last_seen_at'),
  },
  (table) => [uniqueIndex('users_email').on(table.email), uniqueIndex('users_sso_subject').on(table.ssoSubject)],
);

/** One-time links to set a password; only the token's hash is kept. */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    hash: text('hash').notNull(),
    purpose: text('purpose').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (table) => [uniqueIndex('invitations_hash').on(table.hash), index('invitations_user_id').on(table.userId)],
);

/** Signed-in browsers, by the hash of their cookie's token. */
export const sessions = pgTable(
  'sessions',
  {
    hash: text('hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    method: text('method').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (table) => [index('sessions_user_id').on(table.userId)],
);

/** Personal access tokens; only their hash is kept. */
export const personalTokens = pgTable(
  'personal_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    role: text('role').notNull(),
    hash: text('hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at'),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (table) => [uniqueIndex('personal_tokens_hash').on(table.hash), index('personal_tokens_user_id').on(table.userId)],
);

/** Single sign-ons under way, by the hash of their state. */
export const ssoLogins = pgTable('sso_logins', {
  stateHash: text('state_hash').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  returnTo: text('return_to').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
});
