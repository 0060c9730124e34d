import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import type { WebhookDeliveryRecord } from '../store/store.js';
import {
  createdWebhookSchema,
  createWebhookSchema,
  deliveryListSchema,
  deliveryQuerySchema,
  deliverySchema,
  updateWebhookSchema,
  webhookListSchema,
  webhookSchema,
} from './webhook-schemas.js';
import {
  createWebhook,
  deleteWebhook,
  publicWebhook,
  redeliver,
  updateWebhook,
  type WebhookDeps,
} from './webhook-writes.js';

const tags = ['webhooks'];
const id = z.string().openapi({ param: { name: 'id', in: 'path' } });
const deliveryId = z.string().openapi({ param: { name: 'deliveryId', in: 'path' } });

const listWebhooks = createRoute({
  method: 'get',
  path: '/webhooks',
  operationId: 'listWebhooks',
  tags,
  summary: 'List webhooks (never their secrets)',
  responses: { 200: jsonResponse(webhookListSchema, 'the webhooks'), ...errorResponses() },
});
const postWebhook = createRoute({
  method: 'post',
  path: '/webhooks',
  operationId: 'createWebhook',
  tags,
  summary: 'Send every change, or the chosen ones, to a URL, signed; the signing secret appears in this response only',
  request: { body: jsonBody(createWebhookSchema) },
  responses: { 201: jsonResponse(createdWebhookSchema, 'the webhook and its signing secret'), ...errorResponses(400) },
});
const getWebhook = createRoute({
  method: 'get',
  path: '/webhooks/{id}',
  operationId: 'getWebhook',
  tags,
  summary: 'Read a webhook',
  request: { params: z.object({ id }) },
  responses: { 200: jsonResponse(webhookSchema, 'the webhook'), ...errorResponses(404) },
});
const patchWebhook = createRoute({
  method: 'patch',
  path: '/webhooks/{id}',
  operationId: 'updateWebhook',
  tags,
  summary: 'Change a webhook, or enable or disable it',
  request: { params: z.object({ id }), body: jsonBody(updateWebhookSchema) },
  responses: { 200: jsonResponse(webhookSchema, 'the webhook'), ...errorResponses(400, 404) },
});
const removeWebhook = createRoute({
  method: 'delete',
  path: '/webhooks/{id}',
  operationId: 'deleteWebhook',
  tags,
  summary: 'Delete a webhook and its deliveries',
  request: { params: z.object({ id }) },
  responses: { 200: jsonResponse(webhookSchema, 'the deleted webhook'), ...errorResponses(404) },
});
const listDeliveries = createRoute({
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags,
  summary: "A webhook's deliveries, newest first, each with its attempts",
  request: { params: z.object({ id }), query: deliveryQuerySchema },
  responses: { 200: jsonResponse(deliveryListSchema, 'a page of deliveries'), ...errorResponses(400, 404) },
});
const postRedelivery = createRoute({
  method: 'post',
  path: '/webhooks/{id}/deliveries/{deliveryId}/redeliver',
  operationId: 'redeliverWebhookDelivery',
  tags,
  summary: 'Send a delivery again, now, with a whole retry schedule; its webhook-id stays',
  request: { params: z.object({ id, deliveryId }) },
  responses: { 200: jsonResponse(deliverySchema, 'the delivery, pending'), ...errorResponses(404, 409) },
});

/**
 * `/webhooks`, `/webhooks/{id}`, its deliveries and their redelivery.
 *
 * @example
 * registerWebhookRoutes(router, { ...deps, allowPrivateNetworks: false });
 */
export function registerWebhookRoutes(router: OpenAPIHono<AppEnv>, deps: WebhookDeps): void {
  router.openapi(listWebhooks, async (c) =>
    c.json({ webhooks: (await deps.store.listWebhooks()).map(publicWebhook) }, 200),
  );
  router.openapi(postWebhook, async (c) => {
    const record = await createWebhook(deps, c.var.principal.actor, c.req.valid('json'));
    return c.json({ ...publicWebhook(record), secret: record.secret }, 201);
  });
  router.openapi(getWebhook, async (c) => {
    const webhook = await deps.store.getWebhook(c.req.valid('param').id);
    if (webhook === undefined)
      throw new RampartError('not_found', `webhook '${c.req.valid('param').id}' does not exist`);
    return c.json(publicWebhook(webhook), 200);
  });
  router.openapi(patchWebhook, async (c) => {
    const updated = await updateWebhook(deps, c.var.principal.actor, c.req.valid('param').id, c.req.valid('json'));
    return c.json(publicWebhook(updated), 200);
  });
  router.openapi(removeWebhook, async (c) => {
    const deleted = await deleteWebhook(deps, c.var.principal.actor, c.req.valid('param').id);
    return c.json(publicWebhook(deleted), 200);
  });
  router.openapi(listDeliveries, async (c) => {
    const webhookId = c.req.valid('param').id;
    if ((await deps.store.getWebhook(webhookId)) === undefined)
      throw new RampartError('not_found', `webhook '${webhookId}' does not exist`);
    const { limit, cursor } = c.req.valid('query');
    const page = await deps.store.listDeliveries({
      webhookId,
      limit: limit + 1,
      beforeSequence: cursor === undefined ? undefined : Number(cursor),
    });
    const shown = page.slice(0, limit);
    const last = shown[shown.length - 1];
    const nextCursor = page.length > limit && last !== undefined ? String(last.sequence) : null;
    return c.json({ deliveries: shown.map(publicDelivery), nextCursor }, 200);
  });
  router.openapi(postRedelivery, async (c) => {
    const { id: webhookId, deliveryId: delivery } = c.req.valid('param');
    return c.json(publicDelivery(await redeliver(deps, webhookId, delivery)), 200);
  });
}

function publicDelivery(delivery: WebhookDeliveryRecord) {
  const { id, eventType, status, attempts, nextAttemptAt, payload, createdAt } = delivery;
  return { id, eventType, status, attempts, nextAttemptAt, payload, createdAt };
}
