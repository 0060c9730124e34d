import { and, eq, lt, type Column, type SQL } from 'drizzle-orm';
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
