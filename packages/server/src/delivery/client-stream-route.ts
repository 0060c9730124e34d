import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { parseContextParameter } from './client-context.js';
import type { Delivery } from './delivery.js';
import { RampartError } from '../base/errors.js';
import { errorResponses } from '../http/openapi-responses.js';
import { eventStreamResponse, streamResponse } from './sse-response.js';

const streamQuerySchema = z.object({
  context: z
    .string()
    .optional()
    .openapi({ description: 'the evaluation context: base64url of its JSON', example: 'eyJ1c2VySWQiOiI0MiJ9' }),
  key: z
    .string()
    .optional()
    .openapi({ description: 'the client key, for EventSource, which cannot set an Authorization header' }),
});

const streamFlags = createRoute({
  method: 'get',
  path: '/client/stream',
  operationId: 'streamClientFlags',
  tags: ['client'],
  summary: 'Server-Sent Events of evaluated clientSide flags (client key; CORS enabled)',
  request: { query: streamQuerySchema },
  responses: {
    200: eventStreamResponse(
      '`event: flags`, `data:` the `ClientResults` for the context, on connect and whenever a change alters a result for that context; a comment line every 15 s as a heartbeat.',
    ),
    ...errorResponses(400, 404),
  },
});

/**
 * `/client/stream` for client keys: `event: flags` with the results of the environment's
 * `clientSide` flags for `?context=` (base64url JSON) on connect and whenever they change.
 *
 * @example
 * registerClientStreamRoute(router, resolved.delivery);
 */
export function registerClientStreamRoute(router: OpenAPIHono<AppEnv>, delivery: Delivery): void {
  router.openapi(streamFlags, async (c) => {
    const { principal } = c.var;
    const contextKey = c.req.valid('query').context ?? '';
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
}
