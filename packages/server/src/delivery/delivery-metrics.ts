import type { Delivery } from './delivery.js';
import type { MetricsRegistry } from '../metrics/registry.js';

/**
 * The delivery's figures, read at each scrape: open streams, streams closed and why, the
 * version each environment is served at, and the changes pushed to streams.
 *
 * @example
 * registerDeliveryMetrics(metrics, delivery);
 */
export function registerDeliveryMetrics(metrics: MetricsRegistry, delivery: Pick<Delivery, 'stats'>): void {
  metrics.collected('rampart_open_streams', 'Open SSE streams, by kind (sdk, client, audit)', () => {
    const { streams } = delivery.stats();
    return [
      [{ kind: 'sdk' }, streams.sdk],
      [{ kind: 'client' }, streams.client],
      [{ kind: 'audit' }, streams.audit],
    ];
  });
  metrics.collected(
    'rampart_streams_closed_total',
    'SSE streams ended, by reason (disconnected, slow, revoked, shutdown, stale)',
    () => Object.entries(delivery.stats().closed).map(([reason, count]) => [{ reason }, count] as const),
    'counter',
  );
  metrics.collected('rampart_environment_version', 'The version of each environment that this instance serves', () =>
    delivery.stats().environments.map(({ environment, version }) => [{ environment }, version] as const),
  );
  metrics.collected(
    'rampart_changes_published_total',
    'Changes (environment versions) this instance has published to its streams, by environment',
    () => delivery.stats().environments.map(({ environment, changes }) => [{ environment }, changes] as const),
    'counter',
  );
}
