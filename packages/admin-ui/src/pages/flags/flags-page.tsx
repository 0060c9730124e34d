import { memo, useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { problemOf, type Schemas } from '../../api.js';
import { EnvironmentSwitch } from '../../flags/environment-switch.js';
import { KillButton } from '../../flags/kill-button.js';
import { useEnvironments, useFlagList } from '../../flags/queries.js';
import { CreateFlagForm } from './create-flag-form.js';
import { filterFlags, NO_FILTER, type FlagFilter } from './filter-flags.js';
import { useProgressive } from './progressive.js';

/** Every flag with its state in each environment side by side, with search and filters. */
export function FlagsPage() {
  const flags = useFlagList();
  const environments = useEnvironments();
  const [filter, setFilter] = useState<FlagFilter>(NO_FILTER);
  // Typing stays responsive with 1,000 flags: the list follows the filter a moment later.
  const deferred = useDeferredValue(filter);
  const shown = useMemo(() => filterFlags(flags.data ?? [], deferred, Date.now()), [flags.data, deferred]);
  const tags = useMemo(() => [...new Set((flags.data ?? []).flatMap((flag) => flag.tags))].sort(), [flags.data]);
  const set = (change: Partial<FlagFilter>) => setFilter((current) => ({ ...current, ...change }));
  if (flags.isError || environments.isError) {
    return (
      <p role="alert" className="error">
        {problemOf(flags.error ?? environments.error).message}
      </p>
    );
  }
  return (
    <>
      <div className="page-head">
        <h1>Flags</h1>
        <CreateFlagForm />
      </div>
      <form className="filters" role="search" aria-label="Filter flags" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input
            type="search"
            value={filter.text}
            onChange={(e) => set({ text: e.target.value })}
            placeholder="key, description or tag"
          />
        </label>
        <label>
          Tag
          <select value={filter.tag} onChange={(e) => set({ tag: e.target.value })}>
            <option value="">any</option>
            {tags.map((tag) => (
              <option key={tag}>{tag}</option>
            ))}
          </select>
        </label>
        <label>
          On in
          <select value={filter.onIn} onChange={(e) => set({ onIn: e.target.value })}>
            <option value="">any environment</option>
            {(environments.data ?? []).map((environment) => (
              <option key={environment.key} value={environment.key}>
                {environment.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.changedThisWeek}
            onChange={(e) => set({ changedThisWeek: e.target.checked })}
          />
          Changed this week
        </label>
        <label className="check">
          <input type="checkbox" checked={filter.stale} onChange={(e) => set({ stale: e.target.checked })} />
          Temporary and 100 % for 30 days
        </label>
      </form>
      {flags.isPending || environments.isPending ? (
        <p className="loading">Loading…</p>
      ) : (
        <FlagTable flags={shown} environments={environments.data} total={flags.data.length} />
      )}
    </>
  );
}

function FlagTable({
  flags,
  environments,
  total,
}: {
  flags: Schemas['FlagListItem'][];
  environments: Schemas['Environment'][];
  total: number;
}) {
  const shown = useProgressive(flags);
  return (
    <>
      <p className="count" role="status">
        {flags.length === total ? `${total} flags` : `${flags.length} of ${total} flags`}
      </p>
      <table className="flags">
        <thead>
          <tr>
            <th scope="col">Flag</th>
            {environments.map((environment) => (
              <th scope="col" key={environment.key}>
                {environment.name}
                {environment.protected && <span className="badge">protected</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {flags.slice(0, shown).map((flag) => (
            <FlagRow key={flag.key} flag={flag} environments={environments} />
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * One flag's row. Memoised: as a search narrows or widens the list, the rows that stay are not
 * rendered again, so typing stays responsive with 1,000 flags (bench/ui-list.ts).
 */
const FlagRow = memo(function FlagRow({
  flag,
  environments,
}: {
  flag: Schemas['FlagListItem'];
  environments: Schemas['Environment'][];
}) {
  return (
    <tr>
      <th scope="row">
        <Link href={`/flags/${encodeURIComponent(flag.key)}`}>{flag.key}</Link>
        {flag.tags.map((tag) => (
          <span className="tag" key={tag}>
            {tag}
          </span>
        ))}
        {flag.description !== '' && <div className="description">{flag.description}</div>}
      </th>
      {environments.map((environment) => {
        const state = flag.environments[environment.key];
        return (
          <td key={environment.key}>
            {state !== undefined && (
              <div className="cell">
                <EnvironmentSwitch flag={flag.key} environment={environment} enabled={state.enabled} />
                <span className="summary">{state.summary}</span>
                {state.release !== null && <span className="badge plan">plan {state.release}</span>}
                {state.enabled && <KillButton flag={flag.key} environment={environment} />}
              </div>
            )}
          </td>
        );
      })}
    </tr>
  );
});
