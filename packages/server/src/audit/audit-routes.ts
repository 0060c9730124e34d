import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import type { Clock } from '../base/clock.js';
import type { Logger } from '../base/logger.js';
import type { ChangeBus } from '../bus/bus.js';
import type { Delivery } from '../delivery/index.js';
import { errorResponses, jsonResponse } from '../http/openapi-responses.js';
import type { StoreReader } from '../store/store.js';
import { auditPageSchema, auditQuerySchema, publicEntry } from './audit-schemas.js';
import { registerAuditStreamRoute } from './audit-stream-route.js';
import { createAuditStreams } from './audit-streams.js';
import { createAuditTail } from './audit-tail.js';

const DEFAULT_LIMIT = 50;

const listAudit = createRoute({
  method: 'get',
  path: '/audit',
  operationId: 'listAuditEntries',
  tags: ['audit'],
  summary: 'The audit log, newest first; pass nextCursor as cursor for the next page',
  request: { query: auditQuerySchema },
  responses: { 200: jsonResponse(auditPageSchema, 'a page of entries'), ...errorResponses(400) },
});

export interface AuditDeps {
  store: Pick<StoreReader, 'listAudit' | 'listAuditAfter'>;
  bus: Pick<ChangeBus, 'subscribe'>;
  clock: Clock;
  logger: Logger;
  delivery: Pick<Delivery, 'openFeed'>;
}

/**
 * `GET /audit`, and `GET /audit/stream` with the one tail of the log that all its streams share.
 *
 * @example
 * registerAuditRoutes(router, resolved);
 */
export function registerAuditRoutes(router: OpenAPIHono<AppEnv>, deps: AuditDeps): void {
  router.openapi(listAudit, async (c) => {
    const { flag, environment, limit, cursor } = c.req.valid('query');
    const page = await deps.store.listAudit({ flag, environment, cursor, limit: limit ?? DEFAULT_LIMIT });
    return c.json({ entries: page.entries.map(publicEntry), nextCursor: page.nextCursor }, 200);
  });
  const tail = createAuditTail(deps);
  registerAuditStreamRoute(router, createAuditStreams({ ...deps, tail }));
}
