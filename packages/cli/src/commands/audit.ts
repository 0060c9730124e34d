import { setTimeout as sleep } from 'node:timers/promises';
import { auditStream, unwrap, type AuditEntry } from '@rampart/api-client';
import { AUDIT_HEADER, entryLine, entryRow } from '../audit/entry-format.js';
import { followAudit, isAfter } from '../audit/follow.js';
import { CliError } from '../cli-error.js';
import { connect, text } from '../command-context.js';
import type { Session } from '../session.js';
import { checkEnvironment, withSuggestions } from '../suggest.js';
import { USER_AGENT } from '../version.js';

interface Filters {
  flag: string | undefined;
  environment: string | undefined;
}

/** The most entries one page of the API holds; what a reset reads again. */
const LARGEST_PAGE = 500;

/**
 * `rampart audit [--flag <flag>] [--env <env>] [--limit <n>] [--follow]`: the latest entries,
 * newest first. With `--follow`, the page oldest first and then each new entry as it is made,
 * one line each (one JSON object per line with `--json`), until interrupted.
 */
export async function audit(_args: string[], options: Record<string, unknown>): Promise<void> {
  const limit = parseLimit(text(options, 'limit') ?? '20');
  const filters = filtersOf(options);
  const session = connect(options);
  const { out } = session;
  const [entries] = await out.progress('reading the audit log', () =>
    Promise.all([readPage(session, filters, limit), checkFilters(session, filters)]),
  );
  if (options.follow === true) {
    // Oldest first, so that the entries that follow continue it in order.
    const page = [...entries].reverse();
    for (const entry of page) show(session, entry);
    await follow(session, filters, page.at(-1)?.id);
    return;
  }
  out.data({ entries });
  if (out.json) return;
  if (entries.length === 0) out.line('No entries match.');
  else
    out.table(
      AUDIT_HEADER,
      entries.map((entry) => entryRow(entry, out.paint)),
    );
}

/** `rampart watch [--flag <flag>] [--env <env>]`: each change as it is made, one line each, until interrupted. */
export async function watch(_args: string[], options: Record<string, unknown>): Promise<void> {
  const filters = filtersOf(options);
  const session = connect(options);
  await checkFilters(session, filters);
  await follow(session, filters, undefined);
}

/** Follows the live audit log after entry `after` until SIGINT or SIGTERM, reconnecting when it drops. */
async function follow(session: Session, filters: Filters, after: string | undefined): Promise<void> {
  const { out } = session;
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let lost = false;
  try {
    await followAudit({
      after,
      signal: stop.signal,
      open: (resumeAfter, signal) =>
        auditStream({
          baseUrl: session.url,
          token: session.token,
          userAgent: USER_AGENT,
          ...filters,
          after: resumeAfter,
          signal,
        }),
      onReady: () => {
        out.note(
          lost ? 'reconnected' : `following changes on ${session.url}${describeFilters(filters)} (Ctrl-C to stop)`,
        );
        lost = false;
      },
      onEntry: (entry) => show(session, entry),
      onReset: async (resumeAfter) => {
        const missed = (await readPage(session, filters, LARGEST_PAGE)).reverse();
        const fresh = missed.filter((entry) => resumeAfter === undefined || isAfter(entry.id, resumeAfter));
        for (const entry of fresh) show(session, entry);
        return fresh.at(-1)?.id;
      },
      wait: (ms, error, signal) => {
        const why = error instanceof Error ? error.message : String(error);
        if (!lost) out.note(`connection lost (${why}); reconnecting`);
        lost = true;
        return out.progress(`${why}; reconnecting in ${ms / 1000} s`, () =>
          sleep(ms, undefined, { signal }).catch(() => undefined),
        );
      },
    });
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

function show({ out }: Session, entry: AuditEntry): void {
  out.jsonLine(entry);
  out.line(entryLine(entry, out.paint));
}

async function readPage(session: Session, filters: Filters, limit: number): Promise<AuditEntry[]> {
  const query = { flag: filters.flag, environment: filters.environment, limit };
  const { entries } = await unwrap(session.client.GET('/api/v1/audit', { params: { query } }));
  return entries;
}

/** A misspelled --flag or --env matches no entry rather than failing: say so, with the nearest keys. */
async function checkFilters(session: Session, { flag, environment }: Filters): Promise<void> {
  const readFlag = (key: string) =>
    withSuggestions(session, { flag: key }, () =>
      unwrap(session.client.GET('/api/v1/flags/{key}', { params: { path: { key } } })),
    );
  await Promise.all([
    flag === undefined ? undefined : readFlag(flag),
    environment === undefined ? undefined : checkEnvironment(session, environment),
  ]);
}

function filtersOf(options: Record<string, unknown>): Filters {
  return { flag: text(options, 'flag'), environment: text(options, 'env') };
}

function describeFilters({ flag, environment }: Filters): string {
  return `${flag === undefined ? '' : ` for ${flag}`}${environment === undefined ? '' : ` in ${environment}`}`;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > LARGEST_PAGE) {
    throw new CliError(`--limit: '${value}' is not a whole number from 1 to ${LARGEST_PAGE}`, {
      hint: 'e.g. --limit 100',
    });
  }
  return limit;
}
