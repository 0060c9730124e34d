import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Pool } from 'pg';
import { LOCK_SPACE, MIGRATION_LOCK } from './advisory-locks.js';

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
    await client.query('select pg_advisory_lock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
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
