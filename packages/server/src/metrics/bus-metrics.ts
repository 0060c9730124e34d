import type { BusState, ChangeBus } from '../bus/bus.js';
import type { MetricsRegistry } from './registry.js';

const STATES: readonly BusState[] = ['connected', 'connecting', 'disconnected'];

/**
 * The change bus's state, read at each scrape: 1 for the state it is in, 0 for the others, so
 * an alert can fire on `rampart_bus_state{state="connected"} == 0`.
 *
 * @example
 * registerBusMetrics(metrics, bus);
 */
export function registerBusMetrics(metrics: MetricsRegistry, bus: Pick<ChangeBus, 'state'>): void {
  metrics.collected('rampart_bus_state', 'The change bus state of this instance (1 for the current state)', () =>
    STATES.map((state) => [{ state }, bus.state === state ? 1 : 0] as const),
  );
}
