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
    bus: z.enum(['connected', 'connecting', 'disconnected']).optional().openapi({
      description:
        'The change bus, for information: without it changes still reach this instance within the convergence bound, by polling the store',
    }),
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
  summary: 'Whether this instance can write to its store and keeps its view within the convergence bound',
  security: [],
  responses: {
    200: jsonResponse(healthSchema, 'ready'),
    503: jsonResponse(healthSchema, 'not ready, with the reason'),
  },
});

/** What readiness asks of the delivery: whether this instance's view keeps up with the store. */
export interface ViewFreshness {
  freshness(): { ok: true } | { ok: false; reason: string };
}

/**
 * `/health/live` and `/health/ready`; no key needed. Ready means the instance can serve
 * correct answers within its bounds: the store answers (within its timeout) with its
 * migrations applied and takes writes, and the instance's view of every environment has caught
 * up with the store within the convergence bound. The change bus is reported but does not
 * decide: without it, changes still arrive by polling the store, within the same bound; making
 * every instance unready when Redis is away would turn a slower fan-out into a full outage.
 *
 * @example
 * registerHealthRoutes(app, { store, bus, view: delivery.environments, info: { version: '0.1.0' } });
 */
export function registerHealthRoutes(
  app: OpenAPIHono<AppEnv>,
  parts: { store: Pick<Store, 'check'>; bus: Pick<ChangeBus, 'state'>; view: ViewFreshness; info: BuildInfo },
): void {
  const { store, bus, view, info } = parts;
  const about = { version: info.version, ...(info.commit === undefined ? {} : { commit: info.commit }) };
  app.openapi(live, (c) => c.json({ status: 'ok' as const, ...about }, 200));
  app.openapi(ready, async (c) => {
    const health = await store.check();
    const fresh = view.freshness();
    const reason = !health.ok ? health.reason : !fresh.ok ? fresh.reason : undefined;
    if (reason !== undefined) return c.json({ status: 'unavailable' as const, reason, bus: bus.state, ...about }, 503);
    return c.json({ status: 'ready' as const, bus: bus.state, ...about }, 200);
  });
}
