import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, problemOf, unwrap } from '../../api.js';
import { useEnvironments } from '../../flags/queries.js';
import { EnvironmentPanel } from './environment-panel.js';
import { FlagHeader } from './flag-header.js';
import { HistoryPanel } from './history-panel.js';
import { ReleasePanel } from './release-panel.js';
import { TriggersPanel } from './triggers-panel.js';

/** One flag: its fields, and in each environment its state, rules, release plan and triggers; then its history. */
export function FlagPage({ flagKey }: { flagKey: string }) {
  const flag = useQuery({
    queryKey: ['flag', flagKey],
    queryFn: () => unwrap(api.GET('/api/v1/flags/{key}', { params: { path: { key: flagKey } } })),
  });
  const environments = useEnvironments();
  if (flag.isError || environments.isError) {
    return (
      <>
        <p role="alert" className="error">
          {problemOf(flag.error ?? environments.error).message}
        </p>
        <Link href="/flags">All flags</Link>
      </>
    );
  }
  if (flag.isPending || environments.isPending) return <p className="loading">Loading…</p>;
  return (
    <>
      <FlagHeader flag={flag.data} />
      {environments.data.map((environment) => {
        const config = flag.data.environments[environment.key];
        if (config === undefined) return null;
        return (
          <section key={environment.key} className="panel" aria-labelledby={`environment-${environment.key}`}>
            <EnvironmentPanel flag={flag.data} environment={environment} config={config} />
            <ReleasePanel flagKey={flag.data.key} environment={environment} />
            <TriggersPanel flagKey={flag.data.key} environment={environment} />
          </section>
        );
      })}
      <HistoryPanel flagKey={flag.data.key} />
    </>
  );
}
