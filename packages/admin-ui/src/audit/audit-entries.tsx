import { Link } from 'wouter';
import { problemOf, type Schemas } from '../api.js';
import { DiffView } from '../ui/diff-view.js';
import { Moment } from '../ui/moment.js';
import { flagOf, viaText } from './entry-filter.js';
import type { useAuditLog } from './use-audit-log.js';
import './audit-entries.css';

type Entry = Schemas['AuditEntry'];

/**
 * Audit entries, newest first: when, what, where, who and how, why, and what changed field
 * by field. `showTarget` names (and links) what each entry is about, for the whole log.
 */
export function AuditEntries({ entries, showTarget }: { entries: readonly Entry[]; showTarget: boolean }) {
  if (entries.length === 0) return null;
  return (
    <ol className="audit-entries">
      {entries.map((entry) => (
        <li key={entry.id} className="audit-entry">
          <AuditEntryItem entry={entry} showTarget={showTarget} />
        </li>
      ))}
    </ol>
  );
}

function AuditEntryItem({ entry, showTarget }: { entry: Entry; showTarget: boolean }) {
  const via = viaText(entry.via);
  const flag = flagOf(entry);
  return (
    <article aria-label={`${entry.action} ${entry.target}`}>
      <p className="audit-head">
        <code className="audit-action">{entry.action}</code>
        {showTarget && (
          <span className="audit-target">
            {flag === undefined ? entry.target : <Link href={`/flags/${encodeURIComponent(flag)}`}>{flag}</Link>}
          </span>
        )}
        {entry.environment !== undefined && <span className="audit-environment">in {entry.environment}</span>}
        <span className="audit-when">
          <Moment iso={entry.at} />
        </span>
      </p>
      <p className="audit-who">
        by <strong>{entry.actor}</strong>
        {via !== undefined && <>, via {via}</>}
      </p>
      {entry.reason !== undefined && entry.reason !== '' && (
        <p className="audit-reason">
          <span className="audit-label">Reason:</span> {entry.reason}
        </p>
      )}
      <DiffView before={entry.before} after={entry.after} />
    </article>
  );
}

/** "Load more" while the log has older entries; it says so when there are none. */
export function LoadMore({ log }: { log: ReturnType<typeof useAuditLog> }) {
  if (log.isFetchNextPageError) {
    return (
      <p role="alert" className="error">
        {problemOf(log.error).message}{' '}
        <button type="button" className="link" onClick={() => void log.fetchNextPage()}>
          Try again
        </button>
      </p>
    );
  }
  if (!log.hasNextPage) return <p className="muted audit-end">No older entries.</p>;
  return (
    <button
      type="button"
      className="audit-more"
      disabled={log.isFetchingNextPage}
      onClick={() => void log.fetchNextPage()}
    >
      {log.isFetchingNextPage ? 'Loading…' : 'Load more'}
    </button>
  );
}
