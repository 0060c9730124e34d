import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import type { MetricsRegistry } from './registry.js';

/**
 * `GET /metrics`: Prometheus text, no key needed (like the health checks; keep it off the
 * public internet or behind the proxy).
 *
 * @example
 * registerMetricsRoute(app, metrics);
 */
export function registerMetricsRoute(app: OpenAPIHono<AppEnv>, metrics: MetricsRegistry): void {
  app.get('/metrics', (c) =>
    c.body(metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }),
  );
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/metrics',
    tags: ['operations'],
    summary: 'Prometheus metrics',
    security: [],
    responses: {
      200: { description: 'the Prometheus text exposition', content: { 'text/plain': { schema: { type: 'string' } } } },
    },
  });
}
