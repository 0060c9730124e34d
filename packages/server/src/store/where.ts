import { and, eq, inArray, isNotNull, lt, lte, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AuditQuery } from './rows.js';
import type { ConfigFilter } from './store.js';

/** The WHERE clauses that read the same in both dialects, over either dialect's columns. */

export function configWhere(columns: { flag: Column; environment: Column }, filter: ConfigFilter): SQL | undefined {
  const where: SQL[] = [];
  if (filter.flag !== undefined) where.push(eq(columns.flag, filter.flag));
  if (filter.environment !== undefined) where.push(eq(columns.environment, filter.environment));
  return and(...where);
}

export function auditWhere(
  columns: { id: Column; targetKind: Column; target: Column; environment: Column },
  query: AuditQuery,
): SQL | undefined {
  const where: SQL[] = [];
  if (query.flag !== undefined) where.push(eq(columns.targetKind, 'flag'), eq(columns.target, query.flag));
  if (query.environment !== undefined) where.push(eq(columns.environment, query.environment));
  if (query.beforeId !== undefined) where.push(lt(columns.id, query.beforeId));
  return and(...where);
}

/**
 * Release plans that are scheduled or running and whose next step is due at `at` or before.
 * Times are ISO 8601 text of one width, which compares in time order byte by byte: pass
 * `nextAt` in a byte-wise collation where the database's own might differ.
 */
export function dueWhere(columns: { status: Column; nextAt: Column }, nextAt: SQLWrapper, at: string): SQL | undefined {
  return and(inArray(columns.status, ['scheduled', 'running']), isNotNull(columns.nextAt), lte(nextAt, at));
}
