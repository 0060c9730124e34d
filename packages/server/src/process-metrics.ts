import { collectDefaultMetrics, Registry } from 'prom-client';
import type { MetricsRegistry } from './metrics/registry.js';

/**
 * Adds the process and Node.js runtime series (CPU, resident memory, heap, event loop lag,
 * open file descriptors, garbage collection, …) to `/metrics`, as prom-client's default
 * collectors measure them, under their usual names (`process_*`, `nodejs_*`) so that common
 * dashboards work. Node-only, so `main.ts` wires it; the app's own series stay in the
 * runtime-neutral registry.
 *
 * @example
 * const metrics = createMetricsRegistry();
 * includeProcessMetrics(metrics);
 */
export function includeProcessMetrics(metrics: MetricsRegistry): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  metrics.include(() => registry.metrics());
}
