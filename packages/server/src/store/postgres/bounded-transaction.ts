import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { PostgresDb } from './postgres-rows.js';

/** The error of a transaction that did not finish within its deadline. */
export class TransactionTimeoutError extends Error {
  readonly code = 'RAMPART_TRANSACTION_TIMEOUT';
  constructor(ms: number) {
    super(`the transaction did not finish within ${ms} ms`);
    this.name = 'TransactionTimeoutError';
  }
}

/** Messages of node-postgres's own failures that leave the connection unusable (they carry no code). */
const BROKEN_MESSAGES = new Set(['Query read timeout', 'Connection terminated', 'Connection terminated unexpectedly']);

/**
 * Whether the connection's state is unknown after `error`: our deadline, the driver's query
 * timeout, a lost connection (SQLSTATE 08…, 57P…, or a socket errno). A statement or lock
 * timeout from the server (57014, 55P03), or any other error, leaves it usable.
 */
function isBroken(error: unknown): boolean {
  if (error instanceof TransactionTimeoutError) return true;
  if (!(error instanceof Error)) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (/^(08|57P)/.test(code) || /^E[A-Z]+$/.test(code)) return true;
  return BROKEN_MESSAGES.has(error.message) || (error.cause !== undefined && isBroken(error.cause));
}

/**
 * Runs `work` in one transaction on one pooled connection, with a deadline on the whole of it.
 *
 * drizzle's own `transaction()` cannot be used here: when a statement times out it sends a
 * `rollback` (which, over a stalled connection, waits for its own timeout) and then hands the
 * connection back to the pool, where the next request would queue behind the stalled one. Here,
 * a transaction that misses its deadline, or whose connection failed, has its connection
 * closed instead: PostgreSQL ends the transaction on its side (at once if the connection closes,
 * or after `idle_in_transaction_session_timeout` if the network swallowed the close) and
 * releases its locks. Any other failure is rolled back and the connection reused.
 *
 * @example
 * await boundedTransaction(pool, 'begin', 30_000, (db) => db.execute('select 1'));
 */
export async function boundedTransaction<T>(
  pool: pg.Pool,
  begin: string,
  deadlineMs: number,
  work: (db: PostgresDb) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    // With an error, the pool closes the connection instead of keeping it.
    client.release(error ?? false);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let committing = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // A commit under way is left to the query timeout: cutting it here would answer 503 for
      // a write that may well have committed on a healthy connection.
      if (committing) return;
      const error = new TransactionTimeoutError(deadlineMs);
      release(error);
      reject(error);
    }, deadlineMs);
  });
  const running = (async () => {
    await client.query(begin);
    const result = await work(drizzle({ client }));
    committing = true;
    await client.query('commit');
    return result;
  })();
  // Once the deadline has won, what is left of the work fails on the closed connection: unheard.
  running.catch(() => undefined);
  try {
    const result = await Promise.race([running, deadline]);
    release();
    return result;
  } catch (error) {
    if (!released && isBroken(error)) release(error instanceof Error ? error : new Error(String(error)));
    if (!released) {
      try {
        await client.query('rollback');
        release();
      } catch (rollbackError) {
        release(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)));
      }
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
