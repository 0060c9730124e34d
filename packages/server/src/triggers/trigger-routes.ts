import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { errorResponseSchema } from '../model/common.js';
import type { TriggerRecord } from '../store/store.js';
import { readAlertPayload } from './alert-payload.js';
import {
  createdTriggerSchema,
  createTriggerSchema,
  fireResultSchema,
  triggerListSchema,
  triggerSchema,
} from './trigger-schemas.js';
import { createTrigger, deleteTrigger, fireTrigger, type FireOutcome, type TriggerDeps } from './trigger-writes.js';

const tags = ['triggers'];
const key = z.string().openapi({ param: { name: 'key', in: 'path' }, example: 'new-checkout' });
const env = z.string().openapi({ param: { name: 'env', in: 'path' }, example: 'production' });
const id = z.string().openapi({ param: { name: 'id', in: 'path' } });
const secret = z.string().openapi({ param: { name: 'secret', in: 'path' }, example: 'rtg_…' });
const PATH = '/flags/{key}/environments/{env}/triggers';

const listTriggers = createRoute({
  method: 'get',
  path: PATH,
  operationId: 'listTriggers',
  tags,
  summary: "The flag's triggers in this environment (never their URLs)",
  request: { params: z.object({ key, env }) },
  responses: { 200: jsonResponse(triggerListSchema, 'the triggers'), ...errorResponses(404) },
});
const postTrigger = createRoute({
  method: 'post',
  path: PATH,
  operationId: 'createTrigger',
  tags,
  summary: 'Create a URL that kills or revives the flag here when called; the URL appears in this response only',
  request: { params: z.object({ key, env }), body: jsonBody(createTriggerSchema) },
  responses: { 201: jsonResponse(createdTriggerSchema, 'the trigger and its URL'), ...errorResponses(400, 404) },
});
const removeTrigger = createRoute({
  method: 'delete',
  path: `${PATH}/{id}`,
  operationId: 'deleteTrigger',
  tags,
  summary: 'Revoke a trigger: its URL stops working at once',
  request: { params: z.object({ key, env, id }) },
  responses: { 200: jsonResponse(triggerSchema, 'the revoked trigger'), ...errorResponses(404) },
});
const fire = createRoute({
  method: 'post',
  path: '/hooks/triggers/{secret}',
  operationId: 'fireTrigger',
  tags,
  summary: "Fire a trigger: the URL is the credential. Any body, any content type: an alerting tool's payload or none",
  description:
    "An Alertmanager or Grafana payload whose status is `resolved` (and the other tools' equivalents, see docs/integrations.md) changes nothing.",
  security: [],
  request: {
    params: z.object({ secret }),
    body: {
      content: { '*/*': { schema: { type: 'string' as const } } },
      required: false,
      description: 'anything; a body larger than MAX_BODY_BYTES is read that far and never refused',
    },
  },
  responses: {
    200: jsonResponse(fireResultSchema, 'what the call did'),
    404: jsonResponse(errorResponseSchema, 'not_found: no trigger has this URL'),
    409: jsonResponse(errorResponseSchema, 'conflict: the flag is archived'),
    429: {
      ...jsonResponse(
        errorResponseSchema,
        'rate_limited: the trigger was called too often; retry after Retry-After seconds',
      ),
      headers: { 'Retry-After': { description: 'seconds', schema: { type: 'integer' as const } } },
    },
    503: jsonResponse(errorResponseSchema, 'unavailable: the database cannot serve now; retry later'),
  },
});

const MESSAGES: Readonly<Record<'killed' | 'revived' | 'unchanged' | 'ignored', string>> = {
  killed: 'the flag was turned off',
  revived: 'the flag was turned back on',
  unchanged: 'the flag was already in this state; nothing changed',
  ignored: 'the alert is not firing (it resolved, recovered or is being worked on); nothing changed',
};

/**
 * `/flags/{key}/environments/{env}/triggers[/{id}]`, under the admin API.
 *
 * @example
 * registerTriggerRoutes(adminRouter, deps, { publicUrl: undefined });
 */
export function registerTriggerRoutes(
  router: OpenAPIHono<AppEnv>,
  deps: TriggerDeps,
  options: { publicUrl: string | undefined },
): void {
  router.openapi(listTriggers, async (c) => {
    const { key: flag, env: environment } = c.req.valid('param');
    // As creating does: a mistyped flag or environment is a 404, not an empty list.
    if ((await deps.store.getFlag(flag)) === undefined)
      throw new RampartError('not_found', `flag '${flag}' does not exist`);
    if ((await deps.store.getEnvironment(environment)) === undefined)
      throw new RampartError('not_found', `environment '${environment}' does not exist`);
    const triggers = await deps.store.listTriggers({ flag, environment });
    return c.json({ triggers: triggers.map(publicTrigger) }, 200);
  });
  router.openapi(postTrigger, async (c) => {
    const { key: flag, env: environment } = c.req.valid('param');
    const input = { flag, environment, ...c.req.valid('json') };
    const { record, secret: created } = await createTrigger(deps, c.var.principal.actor, input);
    const base = options.publicUrl ?? new URL(c.req.url).origin;
    return c.json({ ...publicTrigger(record), url: `${base.replace(/\/+$/, '')}/hooks/triggers/${created}` }, 201);
  });
  router.openapi(removeTrigger, async (c) => {
    const { key: flag, env: environment, id: trigger } = c.req.valid('param');
    return c.json(publicTrigger(await deleteTrigger(deps, c.var.principal.actor, { flag, environment }, trigger)), 200);
  });
}

/**
 * `POST /hooks/triggers/{secret}`: outside the API's key check, since the URL is the credential.
 *
 * @example
 * registerTriggerHook(app, deps);
 */
export function registerTriggerHook(router: OpenAPIHono<AppEnv>, deps: TriggerDeps): void {
  router.openapi(fire, async (c) => {
    const read = async () =>
      readAlertPayload(c.req.header('content-type'), await readPrefix(c.req.raw, deps.maxBodyBytes));
    const fired: FireOutcome = await fireTrigger(deps, c.req.valid('param').secret, read);
    const { flag, environment, name } = fired.trigger;
    if (fired.outcome === 'rate_limited') {
      c.header('Retry-After', String(fired.retryAfterSeconds));
      const message = `trigger '${name}' was called more than ${deps.triggerRateLimit} times in a minute; retry in ${fired.retryAfterSeconds} s`;
      return c.json({ error: { code: 'rate_limited', message } }, 429);
    }
    const result = { outcome: fired.outcome, flag, environment, trigger: name, message: MESSAGES[fired.outcome] };
    return c.json(result, 200);
  });
}

function publicTrigger(record: TriggerRecord) {
  const { id: triggerId, flag, environment, name, action, createdBy, createdAt, lastFiredAt } = record;
  return { id: triggerId, flag, environment, name, action, createdBy, createdAt, lastFiredAt };
}

/**
 * At most `max` bytes of a request's body. An alert is never refused for its size (its tool would
 * not send it again): a larger body is read that far, which is plenty to summarise, and the rest
 * is left unread.
 */
async function readPrefix(request: Request, max: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(Math.min(size, max));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.byteLength - at);
    bytes.set(part, at);
    at += part.byteLength;
    if (at >= bytes.byteLength) break;
  }
  return bytes;
}
