import { readAudit } from './read-rows.js';
import type { AuditQuery, AuditRow } from './rows.js';
import type { AuditAfterFilter, AuditFilter, AuditPage } from './store.js';

/** A cursor is the id of the last entry of a page; any other string matches nothing. */
const CURSOR = /^\d{1,15}$/;

/**
 * The rows to fetch for one page of the audit log: one more than the page holds, so that
 * {@link auditPage} knows whether another page follows.
 *
 * @example
 * const page = auditPage(await rows.listAudit(auditQuery(filter)), filter.limit);
 */
export function auditQuery({ flag, environment, cursor, limit }: AuditFilter): AuditQuery {
  const beforeId = cursor === undefined ? undefined : CURSOR.test(cursor) ? Number(cursor) : 0;
  return { flag, environment, beforeId, limit: limit + 1 };
}

/**
 * The rows that follow `after`, oldest first. Like a cursor, an `after` that is no entry's id
 * matches nothing.
 *
 * @example
 * const entries = (await rows.listAuditAscending(auditAfterQuery({ after: '41', limit: 500 }))).map(readAudit);
 */
export function auditAfterQuery({ after, flag, environment, limit }: AuditAfterFilter): AuditQuery {
  if (after === undefined) return { flag, environment, limit };
  return CURSOR.test(after) ? { flag, environment, afterId: Number(after), limit } : { beforeId: 0, limit };
}

/** The page of at most `limit` entries that `rows` (fetched with {@link auditQuery}) begin with. */
export function auditPage(rows: readonly AuditRow[], limit: number): AuditPage {
  const entries = rows.slice(0, limit).map(readAudit);
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > limit && last !== undefined ? last.id : null };
}
