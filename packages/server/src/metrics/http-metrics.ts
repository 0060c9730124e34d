import type { ErrorHandler, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { MetricsRegistry } from './registry.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Middleware counting requests by route pattern (not path, so label values stay few) and
 * status, and timing them. For streams the time is until the response starts. An error that
 * reaches it (the not-found handler throws past the handlers' own error handling) is turned
 * into its response here with `onError`, so that it is counted with its real status.
 *
 * @example
 * app.use('*', httpMetrics(metrics, errorHandler));
 */
export function httpMetrics(metrics: MetricsRegistry, onError: ErrorHandler): MiddlewareHandler {
  const requests = metrics.counter('rampart_http_requests_total', 'HTTP requests, by method, route pattern and status');
  const latency = metrics.histogram(
    'rampart_http_request_duration_seconds',
    'Time to answer HTTP requests, by method and route pattern',
    LATENCY_BUCKETS,
  );
  // The series of each method, route and status, found once: this runs on every request.
  const bound = new Map<string, { requests: { inc(): void }; latency: { observe(value: number): void } }>();
  const seriesOf = (method: string, route: string, status: string) => {
    const key = `${method} ${route} ${status}`;
    let found = bound.get(key);
    if (found === undefined) {
      found = { requests: requests.series({ method, route, status }), latency: latency.series({ method, route }) };
      bound.set(key, found);
    }
    return found;
  };
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      c.res = await onError(error, c);
    }
    const matched = routePath(c, -1);
    // Only middleware matched (a 404, a preflight): one label for all such paths.
    const route = matched === '' || matched.endsWith('*') ? 'unmatched' : matched;
    const series = seriesOf(c.req.method, route, String(c.res.status));
    series.requests.inc();
    series.latency.observe((performance.now() - started) / 1000);
  };
}
