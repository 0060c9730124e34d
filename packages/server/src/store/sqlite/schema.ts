import type { Condition, JsonValue, Prerequisite, Rule, Variant } from '@rampart/core';
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type {
  DeliveryAttempt,
  ReleaseGuard,
  ReleaseGuardProgress,
  ReleaseObserved,
  ReleaseStep,
  Role,
} from '../store.js';

/** SQLite schema. `drizzle-kit generate` turns changes here into migrations. */

export const environments = sqliteTable('environments', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  version: integer('version').notNull(),
  createdAt: text('created_at').notNull(),
  protected: integer('protected', { mode: 'boolean' }).notNull().default(false),
  protectedRoles: text('protected_roles', { mode: 'json' })
    .$type<Role[]>()
    .notNull()
    .default(sql`'[]'`),
});

export const flags = sqliteTable('flags', {
  key: text('key').primaryKey(),
  type: text('type').notNull(),
  description: text('description').notNull(),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
  owner: text('owner').notNull(),
  temporary: integer('temporary', { mode: 'boolean' }).notNull(),
  clientSide: integer('client_side', { mode: 'boolean' }).notNull(),
  archived: integer('archived', { mode: 'boolean' }).notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const flagConfigs = sqliteTable(
  'flag_configs',
  {
    flag: text('flag_key')
      .notNull()
      .references(() => flags.key),
    environment: text('environment')
      .notNull()
      .references(() => environments.key),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    rules: text('rules', { mode: 'json' }).$type<Rule[]>().notNull(),
    variants: text('variants', { mode: 'json' }).$type<Variant[]>().notNull(),
    variantsBucketBy: text('variants_bucket_by', { mode: 'json' }).$type<string[]>(),
    defaultVariant: text('default_variant'),
    prerequisites: text('prerequisites', { mode: 'json' }).$type<Prerequisite[]>().notNull(),
    version: integer('version').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.flag, table.environment] }),
    index('flag_configs_environment').on(table.environment),
  ],
);

export const segments = sqliteTable('segments', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  conditions: text('conditions', { mode: 'json' }).$type<Condition[]>().notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const apiKeys = sqliteTable('api_keys', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  environment: text('environment').references(() => environments.key),
  name: text('name').notNull(),
  hash: text('hash').notNull(),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
});

export const auditEntries = sqliteTable(
  'audit_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    targetKind: text('target_kind').notNull(),
    target: text('target').notNull(),
    environment: text('environment'),
    via: text('via'),
    before: text('before', { mode: 'json' }).$type<JsonValue>(),
    after: text('after', { mode: 'json' }).$type<JsonValue>(),
    reason: text('reason'),
  },
  (table) => [
    index('audit_entries_target').on(table.targetKind, table.target),
    index('audit_entries_environment').on(table.environment),
  ],
);

/** Which flags and segments changed at each environment version. */
export const changes = sqliteTable(
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
export const releasePlans = sqliteTable(
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
    steps: text('steps', { mode: 'json' }).$type<ReleaseStep[]>().notNull(),
    guard: text('guard', { mode: 'json' }).$type<ReleaseGuard>(),
    guardProgress: text('guard_progress', { mode: 'json' }).$type<ReleaseGuardProgress>(),
    startAt: text('start_at'),
    status: text('status').notNull(),
    stepsApplied: integer('steps_applied').notNull(),
    nextAt: text('next_at'),
    observed: text('observed', { mode: 'json' }).$type<ReleaseObserved>().notNull(),
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
export const triggers = sqliteTable(
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

export const webhooks = sqliteTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  events: text('events', { mode: 'json' }).$type<string[]>(),
  environments: text('environments', { mode: 'json' }).$type<string[]>(),
  format: text('format').notNull(),
  secret: text('secret').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  disabledReason: text('disabled_reason'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** The outbox: one row per event and webhook, queued in the transaction of the change. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    sequence: integer('sequence').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    eventType: text('event_type').notNull(),
    payload: text('payload', { mode: 'json' }).$type<JsonValue>().notNull(),
    status: text('status').notNull(),
    attempts: text('attempts', { mode: 'json' }).$type<DeliveryAttempt[]>().notNull(),
    earlierAttempts: integer('earlier_attempts').notNull(),
    nextAttemptAt: text('next_attempt_at'),
    leaseUntil: text('lease_until'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('webhook_deliveries_id').on(table.id),
    index('webhook_deliveries_webhook_id').on(table.webhookId),
    index('webhook_deliveries_due').on(table.status, table.nextAttemptAt),
  ],
);

/** People who sign in. */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash'),
    disabled: integer('disabled', { mode: 'boolean' }).notNull(),
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
export const invitations = sqliteTable(
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
export const sessions = sqliteTable(
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
export const personalTokens = sqliteTable(
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
export const ssoLogins = sqliteTable('sso_logins', {
  stateHash: text('state_hash').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  returnTo: text('return_to').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
});
