import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import type { ChangeBus } from '../bus/bus.js';
import type { BuildInfo } from '../base/build-info.js';
import { jsonResponse } from '../http/openapi-responses.js';
import type { Store } from '../store/store.js';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'ready', 'unavailable']),
    version: z.string(),
    commit: z.string().optional(),
    reason: z.string().optional(),
  })
  .openapi('Health');

const live = createRoute({
  method: 'get',
  path: '/health/live',
  operationId: 'getLiveness',
  tags: ['operations'],
  summary: 'Whether the process runs',
  security: [],
  responses: { 200: jsonResponse(healthSchema, 'the process runs') },
});

const ready = createRoute({
  method: 'get',
  path: '/health/ready',
  operationId: 'getReadiness',
  tags: ['operations'],
  summary: 'Whether the store answers with its migrations applied and the change bus is connected',
  security: [],
  responses: {
    200: jsonResponse(healthSchema, 'ready'),
    503: jsonResponse(healthSchema, 'not ready, with the reason'),
  },
});

/**
 * `/health/live` and `/health/ready`; no key needed. Ready means the store answers with its
 * migrations applied and the change bus is connected: an instance that cannot hear changes
 * would serve stale flags.
 *
 * @example
 * registerHealthRoutes(app, store, bus, { version: '0.1.0' });
 */
export function registerHealthRoutes(
  app: OpenAPIHono<AppEnv>,
  store: Pick<Store, 'check'>,
  bus: Pick<ChangeBus, 'state'>,
  info: BuildInfo,
): void {
  const about = { version: info.version, ...(info.commit === undefined ? {} : { commit: info.commit }) };
  app.openapi(live, (c) => c.json({ status: 'ok' as const, ...about }, 200));
  app.openapi(ready, async (c) => {
    const health = await store.check();
    if (!health.ok) return c.json({ status: 'unavailable' as const, reason: health.reason, ...about }, 503);
    if (bus.state !== 'connected')
      return c.json({ status: 'unavailable' as const, reason: `the change bus is ${bus.state}`, ...about }, 503);
    return c.json({ status: 'ready' as const, ...about }, 200);
  });
}
