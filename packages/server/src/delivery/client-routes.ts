import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { encodeClientFlags, type ClientResults } from './client-results.js';
import type { Delivery } from './delivery.js';
import { keyEnvironment } from './key-environment.js';
import { jsonText } from '../http/json-text.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { clientEvaluateBodySchema, clientResultsSchema } from './client-schemas.js';

const evaluateRoute = createRoute({
  method: 'post',
  path: '/client/evaluate',
  operationId: 'evaluateClientFlags',
  tags: ['client'],
  summary: "Evaluate the environment's clientSide flags for a context (client key; CORS enabled)",
  description: 'The key may also come as `?key=`. Answers results only: never rules, segments or other flags.',
  request: { body: jsonBody(clientEvaluateBodySchema) },
  responses: { 200: jsonResponse(clientResultsSchema, 'the results, by flag key'), ...errorResponses(400, 404) },
});

/**
 * `/client/evaluate`: results for browsers and mobile apps, which hold a client key. Each
 * answer is reported to the delivery's client evaluation listeners (which count exposures to
 * guarded flags).
 *
 * @example
 * registerClientRoutes(router, resolved.delivery);
 */
export function registerClientRoutes(
  router: OpenAPIHono<AppEnv>,
  delivery: Pick<Delivery, 'environments' | 'clientEvaluated'>,
): void {
  router.openapi(evaluateRoute, async (c) => {
    const view = await keyEnvironment(delivery.environments, c.var.principal);
    const { context } = c.req.valid('json');
    const { version, flags } = encodeClientFlags(view, context);
    delivery.clientEvaluated(c.var.principal.keyId, view, context);
    // `flags` is already the JSON of the results, each result's text made once.
    return jsonText<ClientResults>(c, `{"version":${version},"flags":${flags}}`);
  });
}
