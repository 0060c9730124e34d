import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import type { MetricsRegistry } from './registry.js';

// Prometheus' text exposition format, version 0.0.4.
const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const getMetrics = createRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'getMetrics',
  tags: ['operations'],
  summary: 'Prometheus metrics',
  security: [],
  responses: {
    200: {
      description:
        'request counts and latencies by route, open streams, snapshot versions, changes published, the change bus; ' +
        'under the Node server also process and runtime series (docs/server.md lists every series)',
      content: { 'text/plain': { schema: z.string().openapi({ description: 'the Prometheus text exposition' }) } },
    },
  },
});

/**
 * `GET /metrics`: Prometheus text, no key needed (like the health checks; keep it off the
 * public internet or behind the proxy).
 *
 * @example
 * registerMetricsRoute(app, metrics);
 */
export function registerMetricsRoute(app: OpenAPIHono<AppEnv>, metrics: MetricsRegistry): void {
  app.openapi(getMetrics, async (c) => c.text(await metrics.scrape(), 200, { 'Content-Type': CONTENT_TYPE }));
}
