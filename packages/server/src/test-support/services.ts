import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, it } from 'vitest';

/**
 * The PostgreSQL and Redis servers that tests talk to. Each is probed once; when it does not
 * answer, its suites fail with a message saying what to do, or are skipped when
 * `RAMPART_SKIP_SERVICES=1`.
 */

export type ServiceName = 'PostgreSQL' | 'Redis';

export type Service =
  | { name: ServiceName; url: string; status: 'up' }
  | { name: ServiceName; url: string; status: 'down' | 'skipped'; reason: string };

const PROBE_TIMEOUT_MS = 3_000;

export const TEST_DATABASE_URL = process.env.RAMPART_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.RAMPART_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether the test PostgreSQL answers (`RAMPART_TEST_DATABASE_URL`).
 *
 * @example
 * const postgres = await probePostgres();
 * describeWithService(postgres, 'PostgreSQL store', () => { ... });
 */
export function probePostgres(url = TEST_DATABASE_URL): Promise<Service> {
  return probe('PostgreSQL', url, async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

/**
 * Whether the test Redis answers (`RAMPART_TEST_REDIS_URL`).
 *
 * @example
 * const redis = await probeRedis();
 */
export function probeRedis(url = TEST_REDIS_URL): Promise<Service> {
  return probe('Redis', url, async () => {
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: PROBE_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
    } finally {
      client.disconnect();
    }
  });
}

async function probe(name: ServiceName, url: string, attempt: () => Promise<void>): Promise<Service> {
  try {
    await attempt();
    return { name, url, status: 'up' };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (process.env.RAMPART_SKIP_SERVICES === '1') {
      return {
        name,
        url,
        status: 'skipped',
        reason: `${name} is not reachable at ${redact(url)} and RAMPART_SKIP_SERVICES=1`,
      };
    }
    return {
      name,
      url,
      status: 'down',
      reason: `${name} is not reachable at ${redact(url)} (${why}): start it, or set RAMPART_SKIP_SERVICES=1 to skip these tests`,
    };
  }
}

/**
 * `describe` for a suite that needs `services`: runs it when they all answer; otherwise
 * registers one failing test with the reason, or skips the suite (reason in its title) when
 * `RAMPART_SKIP_SERVICES=1`.
 *
 * @example
 * describeWithServices([await probePostgres()], 'PostgreSQL store', () => {
 *   runStoreContract({ create });
 * });
 */
export function describeWithServices(services: readonly Service[], name: string, body: () => void): void {
  const missing = services.find((service) => service.status !== 'up');
  if (missing === undefined) {
    describe(name, body);
  } else if (missing.status === 'skipped') {
    describe.skip(`${name} (skipped: ${missing.reason})`, body);
  } else if (missing.status === 'down') {
    const { reason } = missing;
    describe(name, () => {
      it(`needs ${missing.name}`, () => {
        throw new Error(reason);
      });
    });
  }
}

export interface TestDatabase {
  /** A connection string for the new database. */
  url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database of its own on the test server, so that parallel runs and tests
 * never see each other's data. Drop it when done.
 *
 * @example
 * const database = await createTestDatabase();
 * const store = await createPostgresStore({ connectionString: database.url });
 * await store.close();
 * await database.drop();
 */
export async function createTestDatabase(baseUrl = TEST_DATABASE_URL): Promise<TestDatabase> {
  const name = `rampart_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await administer(baseUrl, `create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => administer(baseUrl, `drop database if exists "${name}" with (force)`),
  };
}

async function administer(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
