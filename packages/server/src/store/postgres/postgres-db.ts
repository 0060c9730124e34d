import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';

/** The pool-wide database or an open transaction: both run the same statements. */
export type PostgresDb = PgDatabase<NodePgQueryResultHKT>;
