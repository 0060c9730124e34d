import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { parseContextParameter } from './client-context.js';
import type { Delivery } from './delivery.js';
import { RampartError } from '../base/errors.js';
import { errorResponses } from '../http/openapi-responses.js';
import { streamResponse } from './sse-response.js';

/**
 * `/client/stream` for client keys: `event: flags` with the results of the environment's
 * `clientSide` flags for `?context=` (base64url JSON) on connect and whenever they change.
 *
 * @example
 * registerClientStreamRoute(router, resolved.delivery);
 */
export function registerClientStreamRoute(router: OpenAPIHono<AppEnv>, delivery: Delivery): void {
  router.get('/client/stream', async (c) => {
    const { principal } = c.var;
    const contextKey = c.req.query('context') ?? '';
    const request = {
      environment: principal.environment ?? '',
      keyId: principal.keyId,
      context: parseContextParameter(contextKey),
      contextKey,
    };
    const response = await streamResponse(c, (open) => delivery.openClientStream(request, open));
    if (response === undefined)
      throw new RampartError('not_found', `the key's environment '${request.environment}' does not exist`);
    return response;
  });

  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/client/stream',
    tags: ['client'],
    summary: 'Server-Sent Events of evaluated clientSide flags (client key; CORS enabled)',
    description:
      '`?context=<base64url JSON>`; the key may come as `?key=` since EventSource cannot set headers. `event: flags` with `{ version, flags: { [key]: { enabled, variant, value?, reason } } }` on connect and whenever a change alters a result for that context.',
    responses: {
      200: { description: 'the event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      ...errorResponses(400, 404),
    },
  });
}
