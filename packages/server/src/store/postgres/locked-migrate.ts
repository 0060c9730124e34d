import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Pool } from 'pg';
import { LOCK_SPACE, MIGRATION_LOCK } from './advisory-locks.js';

/** How long an instance that starts waits for another one's migrations. */
const MIGRATION_LOCK_WAIT_MS = 60_000;

/**
 * Applies drizzle-kit's pending migrations while holding the {@link MIGRATION_LOCK}, so that
 * several instances starting at once take turns: the first applies them, the others wait,
 * then find nothing left to do. The lock lives on one connection, so it is released even if
 * this process dies halfway (PostgreSQL drops it with the session).
 *
 * @example
 * await lockedMigrate(pool, { migrationsFolder: './migrations' });
 */
export async function lockedMigrate(pool: Pool, { migrationsFolder }: { migrationsFolder: string }): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // Another instance may be migrating: wait for it longer than for an ordinary lock (its
    // session ends, and the lock with it, if that instance is cut off inside a migration).
    await client.query(
      `set lock_timeout = ${MIGRATION_LOCK_WAIT_MS}; set statement_timeout = ${MIGRATION_LOCK_WAIT_MS}`,
    );
    // node-postgres reads a per-query `query_timeout`, which its types leave out.
    const lock = {
      text: 'select pg_advisory_lock($1, $2)',
      values: [LOCK_SPACE, MIGRATION_LOCK],
      query_timeout: MIGRATION_LOCK_WAIT_MS + 1_000,
    };
    await client.query(lock);
    await client.query('reset lock_timeout; reset statement_timeout');
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
    }
  } catch (error) {
    // Do not hand a connection in an unknown state (maybe still holding the lock) back to the pool.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}
