import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { errorResponses, jsonResponse } from '../http/openapi-responses.js';
import { auditPageSchema, auditQuerySchema } from './audit-schemas.js';
import type { AuditEntry, StoreReader } from '../store/store.js';

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

/**
 * `GET /audit`.
 *
 * @example
 * registerAuditRoutes(router, store);
 */
export function registerAuditRoutes(router: OpenAPIHono<AppEnv>, reader: Pick<StoreReader, 'listAudit'>): void {
  router.openapi(listAudit, async (c) => {
    const { flag, environment, limit, cursor } = c.req.valid('query');
    const page = await reader.listAudit({ flag, environment, cursor, limit: limit ?? DEFAULT_LIMIT });
    return c.json({ entries: page.entries.map(publicEntry), nextCursor: page.nextCursor }, 200);
  });
}

function publicEntry({ targetKind: _targetKind, ...entry }: AuditEntry) {
  return entry;
}
