import { DEFAULT_REDIS_TIMEOUTS } from './bus/redis-bus.js';
import { DEFAULT_CONVERGENCE_MS } from './delivery/index.js';
import { DEFAULT_MAX_BODY_BYTES } from './http/body-limit.js';
import { DEFAULT_POSTGRES_TIMEOUTS } from './store/postgres/postgres-store.js';
import { DEFAULT_TRIGGER_RATE_LIMIT } from './triggers/index.js';
import type { SsoConfig } from './sso/index.js';
import { ROLES, type Role } from './store/store.js';

/**
 * Where the data lives: a SQLite file (DATABASE_URL `file:<path>`, relative to the working
 * directory) or a PostgreSQL server (`postgres://…` or `postgresql://…`).
 */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** REDIS_URL: fan changes out to every instance through this Redis; unset, one process. */
  redisUrl: string | undefined;
  adminToken: string | undefined;
  maxBodyBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  commit: string | undefined;
  /** CORS_ORIGINS: origins that browsers may call the client and OFREP routes from; `['*']` for any. */
  corsOrigins: string[];
  /** CONVERGENCE_MS: how far behind the store an instance may fall when change messages are lost. */
  convergenceMs: number;
  /** DATABASE_*_TIMEOUT_MS: the bounds on every call to PostgreSQL (unused with SQLite). */
  databaseTimeouts: {
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
    queryTimeoutMs: number;
    transactionTimeoutMs: number;
  };
  /** REDIS_*_TIMEOUT_MS: the bounds on every call to Redis. */
  redisTimeouts: { connectTimeoutMs: number; commandTimeoutMs: number };
  /** PUBLIC_URL: the server's address as callers see it (`https://flags.example.com`), for the trigger URLs it shows. */
  publicUrl: string | undefined;
  /** WEBHOOK_TIMEOUT_MS: the bound on each webhook request, from DNS to the answer. */
  webhookTimeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: whether webhooks may reach loopback, link-local and private addresses. */
  webhookAllowPrivateNetworks: boolean;
  /** TRIGGER_RATE_LIMIT: the calls one trigger URL answers per minute. */
  triggerRateLimit: number;
  /** OIDC_*: OpenID Connect single sign-on; `undefined` without OIDC_ISSUER. */
  sso: SsoConfig | undefined;
}

const HOUR_MS = 3_600_000;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads the server's settings from environment variables (given, not read: `main.ts` passes
 * `process.env`). Throws a message fit for the console on a bad value.
 *
 * @example
 * parseConfig({ PORT: '0', DATABASE_URL: 'file:/tmp/rampart.db' }).port; // 0
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const base = publicUrl(nonEmpty(env.PUBLIC_URL));
  return {
    port: integer(env, 'PORT', 4000, 0, 65_535),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    database: database(nonEmpty(env.DATABASE_URL) ?? 'file:./data/rampart.db'),
    redisUrl: redisUrl(nonEmpty(env.REDIS_URL)),
    adminToken: nonEmpty(env.RAMPART_ADMIN_TOKEN),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1, 1024 ** 3),
    logLevel: logLevel(nonEmpty(env.LOG_LEVEL) ?? 'info'),
    commit: nonEmpty(env.RAMPART_COMMIT),
    corsOrigins: corsOrigins(nonEmpty(env.CORS_ORIGINS) ?? '*'),
    convergenceMs: integer(env, 'CONVERGENCE_MS', DEFAULT_CONVERGENCE_MS, 100, HOUR_MS),
    databaseTimeouts: databaseTimeouts(env),
    redisTimeouts: {
      connectTimeoutMs: integer(env, 'REDIS_CONNECT_TIMEOUT_MS', DEFAULT_REDIS_TIMEOUTS.connectTimeoutMs, 10, HOUR_MS),
      commandTimeoutMs: integer(env, 'REDIS_COMMAND_TIMEOUT_MS', DEFAULT_REDIS_TIMEOUTS.commandTimeoutMs, 10, HOUR_MS),
    },
    publicUrl: base,
    webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOK_TIMEOUT_MS, 100, 60_000),
    webhookAllowPrivateNetworks: boolean(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', false),
    triggerRateLimit: integer(env, 'TRIGGER_RATE_LIMIT', DEFAULT_TRIGGER_RATE_LIMIT, 1, 10_000),
    sso: ssoConfig(env, base),
  };
}

/** OpenID Connect from the OIDC_* variables; every one is checked, naming it. */
function ssoConfig(env: Readonly<Record<string, string | undefined>>, base: string | undefined): SsoConfig | undefined {
  const issuer = nonEmpty(env.OIDC_ISSUER)?.trim();
  if (issuer === undefined) return undefined;
  const url = URL.canParse(issuer) ? new URL(issuer) : undefined;
  const loopback = url !== undefined && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
  if (url === undefined || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)))
    throw new Error(`OIDC_ISSUER must be an https URL (http only on this machine), not '${issuer}'`);
  if (base === undefined)
    throw new Error(
      'PUBLIC_URL must be set with OIDC_ISSUER: the provider sends browsers back to PUBLIC_URL/api/v1/session/sso/callback',
    );
  const required = (name: string): string => {
    const value = nonEmpty(env[name])?.trim();
    if (value === undefined) throw new Error(`${name} must be set with OIDC_ISSUER`);
    return value;
  };
  return {
    issuer: issuer.replace(/\/+$/, ''),
    clientId: required('OIDC_CLIENT_ID'),
    clientSecret: required('OIDC_CLIENT_SECRET'),
    groupsClaim: nonEmpty(env.OIDC_GROUPS_CLAIM)?.trim() ?? 'groups',
    roleMapping: roleMapping(required('OIDC_ROLE_MAPPING')),
    scopes: nonEmpty(env.OIDC_SCOPES)?.trim() ?? 'openid email profile',
    label: nonEmpty(env.OIDC_LABEL)?.trim() ?? 'Sign in with single sign-on',
    redirectUri: `${base}/api/v1/session/sso/callback`,
  };
}

/** `group=role,group=role`: which role each group gives. */
function roleMapping(text: string): SsoConfig['roleMapping'] {
  return text
    .split(',')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.lastIndexOf('=');
      const group = pair.slice(0, at).trim();
      const role = pair.slice(at + 1).trim();
      if (at < 1 || group === '' || !(ROLES as readonly string[]).includes(role))
        throw new Error(`OIDC_ROLE_MAPPING must be group=role pairs with roles ${ROLES.join(', ')}, not '${pair}'`);
      return { group, role: role as Role };
    });
}

/** The default bound on each webhook request. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** An http(s) URL without query or fragment; a trailing slash is dropped. */
function publicUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || !/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '')
    throw new Error(`PUBLIC_URL must be an http or https URL such as https://flags.example.com, not '${text}'`);
  return text.replace(/\/+$/, '');
}

function boolean(env: Readonly<Record<string, string | undefined>>, name: string, fallback: boolean): boolean {
  const text = nonEmpty(env[name])?.trim().toLowerCase();
  if (text === undefined) return fallback;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new Error(`${name} must be true or false, not '${text}'`);
}

function databaseTimeouts(env: Readonly<Record<string, string | undefined>>): ServerConfig['databaseTimeouts'] {
  const defaults = DEFAULT_POSTGRES_TIMEOUTS;
  const statementTimeoutMs = integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', defaults.statementTimeoutMs, 10, HOUR_MS);
  const timeouts = {
    connectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', defaults.connectTimeoutMs, 10, HOUR_MS),
    statementTimeoutMs,
    idleInTransactionTimeoutMs: integer(
      env,
      'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS',
      defaults.idleInTransactionTimeoutMs,
      10,
      HOUR_MS,
    ),
    // By default one second above the server's own timeout, so that its clearer error comes first.
    queryTimeoutMs: integer(env, 'DATABASE_QUERY_TIMEOUT_MS', statementTimeoutMs + 1_000, 10, HOUR_MS),
    transactionTimeoutMs: 0,
  };
  timeouts.transactionTimeoutMs = integer(
    env,
    'DATABASE_TRANSACTION_TIMEOUT_MS',
    Math.max(defaults.transactionTimeoutMs, timeouts.queryTimeoutMs),
    10,
    HOUR_MS,
  );
  // A cut-off transaction must be ended (and its lock freed) before the others' writes give up
  // waiting for that lock; the other way round, they would fail instead of waiting.
  if (timeouts.idleInTransactionTimeoutMs >= timeouts.statementTimeoutMs)
    throw new Error(
      `DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS (${timeouts.idleInTransactionTimeoutMs}) must be below DATABASE_STATEMENT_TIMEOUT_MS (${timeouts.statementTimeoutMs}), which is also the lock timeout`,
    );
  if (timeouts.transactionTimeoutMs < timeouts.queryTimeoutMs)
    throw new Error(
      `DATABASE_TRANSACTION_TIMEOUT_MS (${timeouts.transactionTimeoutMs}) must be at least DATABASE_QUERY_TIMEOUT_MS (${timeouts.queryTimeoutMs})`,
    );
  if (timeouts.queryTimeoutMs < timeouts.statementTimeoutMs)
    throw new Error(
      `DATABASE_QUERY_TIMEOUT_MS (${timeouts.queryTimeoutMs}) must be at least DATABASE_STATEMENT_TIMEOUT_MS (${timeouts.statementTimeoutMs})`,
    );
  return timeouts;
}

/** A comma-separated list of origins (`https://app.example.com`, no path), or `*` for any. */
function corsOrigins(text: string): string[] {
  const origins = text
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (origin !== '*' && !isOrigin(origin))
      throw new Error(
        `CORS_ORIGINS must be * or a comma-separated list of origins such as https://app.example.com, not '${origin}'`,
      );
  }
  return origins.length === 0 || origins.includes('*') ? ['*'] : origins;
}

function isOrigin(text: string): boolean {
  try {
    return new URL(text).origin === text;
  } catch {
    return false;
  }
}

function database(url: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\/./.test(url)) return { kind: 'postgres', url };
  const match = /^file:(.+)$/.exec(url);
  if (match?.[1] === undefined)
    throw new Error(`DATABASE_URL must be file:<path> or postgres://…, not '${redact(url)}'`);
  return { kind: 'sqlite', file: match[1] };
}

function redisUrl(url: string | undefined): string | undefined {
  if (url !== undefined && !/^rediss?:\/\/./.test(url))
    throw new Error(`REDIS_URL must be redis://… or rediss://…, not '${redact(url)}'`);
  return url;
}

/** A URL with its password hidden, for messages that may reach a log. */
function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

function integer(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = nonEmpty(env[name]);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not '${text}'`);
  return value;
}

function logLevel(text: string): ServerConfig['logLevel'] {
  const level = LOG_LEVELS.find((candidate) => candidate === text);
  if (level === undefined) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not '${text}'`);
  return level;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
