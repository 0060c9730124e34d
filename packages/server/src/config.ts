import { DEFAULT_MAX_BODY_BYTES } from './deps.js';

export interface ServerConfig {
  port: number;
  host: string;
  /** The SQLite file (DATABASE_URL `file:<path>`), as given: relative paths are from the working directory. */
  sqliteFile: string;
  adminToken: string | undefined;
  maxBodyBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  commit: string | undefined;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads the server's settings from environment variables (given, not read: `main.ts` passes
 * `process.env`). Throws a message fit for the console on a bad value.
 *
 * @example
 * parseConfig({ PORT: '0', DATABASE_URL: 'file:/tmp/rampart.db' }).port; // 0
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  return {
    port: integer(env, 'PORT', 4000, 0, 65_535),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    sqliteFile: sqliteFile(nonEmpty(env.DATABASE_URL) ?? 'file:./data/rampart.db'),
    adminToken: nonEmpty(env.RAMPART_ADMIN_TOKEN),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1, 1024 ** 3),
    logLevel: logLevel(nonEmpty(env.LOG_LEVEL) ?? 'info'),
    commit: nonEmpty(env.RAMPART_COMMIT),
  };
}

function sqliteFile(url: string): string {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL: PostgreSQL is not available in this version; use file:<path> for SQLite');
  }
  const match = /^file:(.+)$/.exec(url);
  if (match?.[1] === undefined) throw new Error(`DATABASE_URL must be file:<path>, not '${url}'`);
  return match[1];
}

function integer(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number, max: number): number {
  const text = nonEmpty(env[name]);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not '${text}'`);
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
