import { useId } from 'react';
import { Link } from 'wouter';
import { problemOf } from '../../api.js';
import { AuditEntries, LoadMore } from '../../audit/audit-entries.js';
import { useAuditLog } from '../../audit/use-audit-log.js';

/** Every change to a flag, in every environment, newest first, with what each changed. */
export function HistoryPanel({ flagKey }: { flagKey: string }) {
  const log = useAuditLog({ flag: flagKey }, 20);
  const headingId = useId();
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <section className="panel history" aria-labelledby={headingId}>
      <h2 id={headingId}>History</h2>
      {log.isPending && <p className="loading">Loading…</p>}
      {log.isError && !log.isFetchNextPageError && (
        <p role="alert" className="error">
          {problemOf(log.error).message}
        </p>
      )}
      {log.isSuccess && entries.length === 0 && <p className="muted">No changes recorded yet.</p>}
      <AuditEntries entries={entries} showTarget={false} />
      {log.isSuccess && entries.length > 0 && <LoadMore log={log} />}
      <p>
        <Link href={`/audit?flag=${encodeURIComponent(flagKey)}`}>{flagKey} in the audit log</Link>
      </p>
    </section>
  );
}
