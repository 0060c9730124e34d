import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';

/** The pool-wide database or an open transaction: both run the same statements. */
export type PostgresDb = PgDatabase<NodePgQueryResultHKT>;

/** Orders by code point, as SQLite does, whatever collation the database was created with. */
export function bytewise(column: AnyColumn): SQL {
  return sql`${column} collate "C"`;
}

/** The first row, if any. */
export function first<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}
