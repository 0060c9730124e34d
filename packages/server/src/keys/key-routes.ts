import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { createdKeySchema, createKeySchema, keyListSchema, keySchema } from './key-schemas.js';
import { createKey, publicKey, revokeKey } from './key-writes.js';
import type { KeyCache } from '../auth/key-cache.js';
import type { Delivery } from '../delivery/index.js';
import type { WriteDeps } from '../change/write-deps.js';

const tags = ['keys'];

const listKeys = createRoute({
  method: 'get',
  path: '/keys',
  operationId: 'listKeys',
  tags,
  summary: 'List API keys (never their secrets)',
  responses: { 200: jsonResponse(keyListSchema, 'the keys, revoked ones included'), ...errorResponses() },
});
const postKey = createRoute({
  method: 'post',
  path: '/keys',
  operationId: 'createKey',
  tags,
  summary: 'Create an API key; its secret appears in this response only',
  request: { body: jsonBody(createKeySchema) },
  responses: { 201: jsonResponse(createdKeySchema, 'the key and its secret'), ...errorResponses(400) },
});
const deleteKey = createRoute({
  method: 'delete',
  path: '/keys/{id}',
  operationId: 'revokeKey',
  tags,
  summary: 'Revoke an API key',
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 200: jsonResponse(keySchema, 'the revoked key'), ...errorResponses(404, 409) },
});

/**
 * `/keys` and `/keys/{id}`.
 *
 * @example
 * registerKeyRoutes(router, deps);
 */
export function registerKeyRoutes(
  router: OpenAPIHono<AppEnv>,
  deps: WriteDeps & { delivery: Pick<Delivery, 'keyRevoked'>; keys: Pick<KeyCache, 'forget'> },
): void {
  router.openapi(listKeys, async (c) => c.json({ keys: (await deps.store.listKeys()).map(publicKey) }, 200));
  router.openapi(postKey, async (c) => {
    const { record, secret } = await createKey(deps, c.var.principal.actor, c.req.valid('json'));
    deps.keys.forget(record.id);
    return c.json({ ...publicKey(record), secret }, 201);
  });
  router.openapi(deleteKey, async (c) => {
    const revoked = await revokeKey(deps, c.var.principal.actor, c.req.valid('param').id);
    // Committed: on this instance the key stops working and its streams end now; on other
    // instances within the key cache's TTL and at their next stream sweep.
    deps.keys.forget(revoked.id);
    deps.delivery.keyRevoked(revoked.id);
    return c.json(publicKey(revoked), 200);
  });
}
