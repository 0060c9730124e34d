import type { AuditEntry } from '@rampart/api-client';
import type { Paint } from '../output/style.js';
import { formatClock, formatTime } from '../output/time.js';

/**
 * Who made the change and how: `alice@example.com (cli)`; just the actor on entries made
 * before the server recorded how.
 *
 * @example
 * who({ actor: 'alice@example.com', via: 'cli', … }); // 'alice@example.com (cli)'
 */
export function who(entry: AuditEntry): string {
  return entry.via === undefined ? entry.actor : `${entry.actor} (${entry.via})`;
}

/**
 * What the change was made to, and where: `new-checkout in production` (an environment's own
 * entries name it once).
 *
 * @example
 * targetOf({ target: 'new-checkout', environment: 'production', … }); // 'new-checkout in production'
 */
export function targetOf(entry: AuditEntry): string {
  const elsewhere = entry.environment !== undefined && entry.environment !== entry.target;
  return elsewhere ? `${entry.target} in ${entry.environment}` : entry.target;
}

/**
 * One change on one line, as `watch` and `audit --follow` print them:
 * `12:03:04  alice@example.com (cli)  config.killed  new-checkout in production — "errors up"`.
 *
 * @example
 * out.line(entryLine(entry, out.paint));
 */
export function entryLine(entry: AuditEntry, paint: Paint): string {
  const reason = entry.reason === undefined ? '' : ` — ${JSON.stringify(entry.reason)}`;
  return `${paint('dim', formatClock(entry.at))}  ${who(entry)}  ${paint('bold', entry.action)}  ${targetOf(entry)}${reason}`;
}

/**
 * The cells of `rampart audit`'s table: WHEN, WHO, ACTION, TARGET, REASON.
 *
 * @example
 * out.table(AUDIT_HEADER, entries.map((entry) => entryRow(entry, out.paint)));
 */
export function entryRow(entry: AuditEntry, paint: Paint): string[] {
  return [paint('dim', formatTime(entry.at)), who(entry), entry.action, targetOf(entry), entry.reason ?? ''];
}

export const AUDIT_HEADER = ['WHEN', 'WHO', 'ACTION', 'TARGET', 'REASON'] as const;
