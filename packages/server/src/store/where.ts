import {
  and,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type Column,
  type SQL,
  type SQLWrapper,
} from 'drizzle-orm';
import type { AuditQuery } from './rows.js';
import type { ConfigFilter, DeliveryFilter } from './store.js';

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
  if (query.afterId !== undefined) where.push(gt(columns.id, query.afterId));
  return and(...where);
}

/** One webhook's deliveries, those before `beforeSequence` when given. */
export function deliveryPageWhere(
  columns: { webhookId: Column; sequence: Column },
  filter: DeliveryFilter,
): SQL | undefined {
  const where: SQL[] = [eq(columns.webhookId, filter.webhookId)];
  if (filter.beforeSequence !== undefined) where.push(lt(columns.sequence, filter.beforeSequence));
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

/**
 * Webhook deliveries due at `at`: pending, whose next attempt falls at `at` or before, held by
 * no lease (none, or one that ended before `at`), of a webhook in `enabledWebhooks` (a
 * subquery of the enabled webhooks' ids). `time` gives a time column in a byte-wise
 * collation, as for {@link dueWhere}.
 */
export function dueDeliveryWhere(
  columns: { status: Column; webhookId: Column; nextAttemptAt: Column; leaseUntil: Column },
  time: (column: Column) => SQLWrapper,
  enabledWebhooks: SQLWrapper,
  at: string,
): SQL | undefined {
  return and(
    eq(columns.status, 'pending'),
    lte(time(columns.nextAttemptAt), at),
    or(isNull(columns.leaseUntil), lt(time(columns.leaseUntil), at)),
    inArray(columns.webhookId, enabledWebhooks),
  );
}
