import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'wouter';
import { problemOf } from '../../api.js';
import { AuditEntries, LoadMore } from '../../audit/audit-entries.js';
import { filterEntries, NO_ENTRY_FILTER, type EntryFilter } from '../../audit/entry-filter.js';
import { useAuditLog } from '../../audit/use-audit-log.js';
import { useEnvironments, useFlagList } from '../../flags/queries.js';
import { useDebounced } from '../../ui/use-debounced.js';
import './audit.css';

/**
 * The whole audit log, newest first. The flag and environment filters ask the server (and
 * stay in the address, so a filtered log can be shared); the actor and action filters sift
 * the entries loaded so far.
 */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const flag = params.get('flag') ?? '';
  const environment = params.get('environment') ?? '';
  const [flagText, setFlagText] = useState(flag);
  const typedFlag = useDebounced(flagText.trim(), 300);
  const [filter, setFilter] = useState<EntryFilter>(NO_ENTRY_FILTER);
  const log = useAuditLog({ flag, environment });
  const environments = useEnvironments();
  const flags = useFlagList();

  const setParam = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === '') next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  useEffect(() => {
    if (typedFlag !== flag) setParam('flag', typedFlag);
    // Only typing moves the flag filter; the address changing (back, a link) is read above.
  }, [typedFlag]);

  const loaded = useMemo(() => log.data?.pages.flatMap((page) => page.entries) ?? [], [log.data]);
  const shown = useMemo(() => filterEntries(loaded, filter), [loaded, filter]);
  const actions = useMemo(() => [...new Set(loaded.map((entry) => entry.action))].sort(), [loaded]);
  const sifting = filter.actor.trim() !== '' || filter.action.trim() !== '';

  return (
    <>
      <h1>Audit log</h1>
      <form className="filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <label>
          Flag
          <input
            type="search"
            list="audit-flag-keys"
            value={flagText}
            onChange={(e) => setFlagText(e.target.value)}
            spellCheck={false}
          />
          <datalist id="audit-flag-keys">
            {(flags.data ?? []).map((item) => (
              <option key={item.key} value={item.key} />
            ))}
          </datalist>
        </label>
        <label>
          Environment
          <select value={environment} onChange={(e) => setParam('environment', e.target.value)}>
            <option value="">any</option>
            {(environments.data ?? []).map((item) => (
              <option key={item.key} value={item.key}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Actor
          <input
            type="search"
            value={filter.actor}
            onChange={(e) => setFilter({ ...filter, actor: e.target.value })}
            spellCheck={false}
          />
        </label>
        <label>
          Action
          <input
            type="search"
            list="audit-actions"
            value={filter.action}
            onChange={(e) => setFilter({ ...filter, action: e.target.value })}
            spellCheck={false}
          />
          <datalist id="audit-actions">
            {actions.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
        </label>
      </form>
      {log.isPending && <p className="loading">Loading…</p>}
      {log.isError && !log.isFetchNextPageError && (
        <p role="alert" className="error">
          {problemOf(log.error).message}
        </p>
      )}
      {log.isSuccess && (
        <>
          <p className="count" role="status">
            {sifting
              ? `${shown.length} of ${loaded.length} loaded entries match the actor and action filters`
              : `${loaded.length} ${loaded.length === 1 ? 'entry' : 'entries'} loaded`}
            {sifting && log.hasNextPage && ': load more to search older ones'}
          </p>
          <AuditEntries entries={shown} showTarget />
          {loaded.length > 0 && <LoadMore log={log} />}
        </>
      )}
    </>
  );
}
