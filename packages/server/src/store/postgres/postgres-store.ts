import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { createRowAccess } from '../row-access.js';
import type { Store, StoreHealth, StoreWriter } from '../store.js';
import { reportUnavailable } from '../unavailable.js';
import { wrapReader } from '../wrap-reader.js';
import { createWriteHealth } from '../write-health.js';
import { boundedTransaction } from './bounded-transaction.js';
import { classifyPostgresError, postgresWriteFailure } from './postgres-errors.js';
import { LOCK_SPACE, WRITE_LOCK } from './advisory-locks.js';
import { lockedMigrate } from './locked-migrate.js';
import { createPostgresRows, type PostgresDb } from './postgres-rows.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`, as node-postgres reads it. */
  connectionString: string;
  /** Where drizzle-kit's migrations are; defaults to the folder shipped beside this module. */
  migrationsFolder?: string;
  /** The most connections this instance opens. */
  maxConnections?: number;
  /** How long to wait for a connection, in milliseconds; default 5 000. */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL's `statement_timeout` and `lock_timeout` for every connection: the server ends a
   * statement that runs, or waits for a lock, longer than this; default 5 000 ms.
   */
  statementTimeoutMs?: number;
  /**
   * PostgreSQL's `idle_in_transaction_session_timeout`: the server ends a connection whose
   * transaction waits this long for its next statement, releasing its locks. This is what
   * frees the other instances when one is cut off in the middle of a write; default 3 000 ms.
   */
  idleInTransactionTimeoutMs?: number;
  /**
   * The client's own bound on every query and on every transaction as a whole: a partitioned
   * connection never delivers the server's timeouts, so this one is what makes a request
   * answer (with 503) instead of waiting on TCP; default 6 000 ms.
   */
  queryTimeoutMs?: number;
  /**
   * The client's bound on a transaction as a whole, however many queries it runs (a large import
   * runs many), each of them bounded by `queryTimeoutMs`; default 30 000 ms.
   */
  transactionTimeoutMs?: number;
  /**
   * Told about an error on an idle connection (the server restarted, the network dropped).
   * The pool discards that connection and opens a new one when next needed.
   */
  onConnectionError?: (error: Error) => void;
}

/** The bounds every call to PostgreSQL has unless configured otherwise (docs/scale-out.md). */
export const DEFAULT_POSTGRES_TIMEOUTS = {
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 5_000,
  idleInTransactionTimeoutMs: 3_000,
  queryTimeoutMs: 6_000,
  transactionTimeoutMs: 30_000,
} as const;

/** A readiness probe answers within this, whatever the database does. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Connects to PostgreSQL, applies pending migrations (under an advisory lock, so several
 * instances may start at once) and returns a {@link Store}.
 *
 * Transactions are serialisable by taking one transaction-level advisory lock before any
 * statement: write transactions run one after another across every instance, as they do in
 * SQLite, and each one reads everything committed before it. Admin writes are rare and short,
 * so the queue costs nothing noticeable, and unlike SERIALIZABLE with retries the work never
 * runs twice. Reads outside a transaction take no lock; a snapshot is read in one
 * REPEATABLE READ transaction so its version and its flags agree.
 *
 * Every call is bounded (see {@link PostgresStoreOptions}): a stalled network makes a request
 * fail with `RampartError('unavailable')` within `queryTimeoutMs`, and PostgreSQL ends a
 * transaction whose instance was cut off within `idleInTransactionTimeoutMs`, so that the
 * other instances' writes go on.
 *
 * @example
 * const store = await createPostgresStore({ connectionString: 'postgres://rampart@db:5432/rampart' });
 * const environments = await store.listEnvironments();
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const {
    connectionString,
    migrationsFolder = defaultMigrationsFolder(),
    maxConnections = 10,
    connectTimeoutMs = DEFAULT_POSTGRES_TIMEOUTS.connectTimeoutMs,
    statementTimeoutMs = DEFAULT_POSTGRES_TIMEOUTS.statementTimeoutMs,
    idleInTransactionTimeoutMs = DEFAULT_POSTGRES_TIMEOUTS.idleInTransactionTimeoutMs,
    queryTimeoutMs = DEFAULT_POSTGRES_TIMEOUTS.queryTimeoutMs,
    transactionTimeoutMs = Math.max(DEFAULT_POSTGRES_TIMEOUTS.transactionTimeoutMs, queryTimeoutMs),
    onConnectionError = () => undefined,
  } = options;
  const pool = new pg.Pool({
    connectionString,
    max: maxConnections,
    connectionTimeoutMillis: connectTimeoutMs,
    keepAlive: true,
    application_name: 'rampart',
    statement_timeout: statementTimeoutMs,
    lock_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: idleInTransactionTimeoutMs,
    query_timeout: queryTimeoutMs,
  });
  // Without listeners, a connection's 'error' event (the server going away) would end the
  // process. An idle connection's error is reported; one in use also fails its query, which
  // is where it is handled, and the pool discards the connection when it comes back.
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await lockedMigrate(pool, { migrationsFolder });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzle({ client: pool });
  const access = accessOver(db);
  let closed = false;

  const writes = createWriteHealth();
  const guard = reportUnavailable(classifyPostgresError);

  const transaction = async <T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> => {
    try {
      const result = await boundedTransaction(pool, 'begin', transactionTimeoutMs, async (tx) => {
        await tx.execute(`select pg_advisory_xact_lock(${LOCK_SPACE}, ${WRITE_LOCK})`);
        return work(accessOver(tx));
      });
      writes.succeeded();
      return result;
    } catch (error) {
      const reason = postgresWriteFailure(error);
      if (reason !== undefined) writes.failed(reason);
      throw error;
    }
  };

  const check = async (): Promise<StoreHealth> => {
    if (closed) return { ok: false, reason: 'the store is closed' };
    try {
      const { rows } = await withTimeout(
        pool.query<{ recovery: boolean; read_only: string }>(
          // The count fails until the migrations have made the table.
          'select pg_is_in_recovery() as recovery, current_setting($1) as read_only, ' +
            '(select count(*) from environments) as environments',
          ['transaction_read_only'],
        ),
        CHECK_TIMEOUT_MS,
      );
      const [row] = rows;
      if (row?.recovery === true) return { ok: false, reason: 'PostgreSQL: the server is a read-only replica' };
      if (row?.read_only === 'on') return { ok: false, reason: 'PostgreSQL: the database is read-only' };
    } catch (error) {
      return { ok: false, reason: `PostgreSQL: ${describe(error)}` };
    }
    const failure = writes.failure();
    return failure === undefined
      ? { ok: true }
      : { ok: false, reason: `PostgreSQL: a recent write failed: ${failure}` };
  };

  const snapshotReader = {
    ...access,
    getSnapshot: (environment: string) =>
      boundedTransaction(pool, 'begin isolation level repeatable read read only', transactionTimeoutMs, (tx) =>
        accessOver(tx).getSnapshot(environment),
      ),
  };

  return {
    ...access,
    ...wrapReader(snapshotReader, guard),
    transaction: guard(transaction),
    check,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The store's methods over the pool, or over one transaction. */
function accessOver(db: PostgresDb): StoreWriter {
  return createRowAccess(createPostgresRows(db));
}

/** Rejects when `promise` has not settled within `ms`: a health check must answer even when the network hangs. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describe).join('; ');
  if (error instanceof Error) return error.message === '' && 'code' in error ? String(error.code) : error.message;
  return String(error);
}

function defaultMigrationsFolder(): string {
  // From source: ./postgres-migrations beside this file. Bundled: dist/postgres-migrations beside
  // the bundle (dist/migrations holds SQLite's).
  return fileURLToPath(new URL('./postgres-migrations', import.meta.url));
}
