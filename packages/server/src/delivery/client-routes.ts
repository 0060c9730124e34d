import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import type { TypedResponse } from 'hono';
import { encodeClientFlags, type ClientResults } from './client-results.js';
import type { EnvironmentCache } from './environment-cache.js';
import { keyEnvironment } from './key-environment.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { clientEvaluateBodySchema, clientResultsSchema } from './client-schemas.js';

const evaluateRoute = createRoute({
  method: 'post',
  path: '/client/evaluate',
  tags: ['client'],
  summary: "Evaluate the environment's clientSide flags for a context (client key; CORS enabled)",
  description: 'The key may also come as `?key=`. Answers results only: never rules, segments or other flags.',
  request: { body: jsonBody(clientEvaluateBodySchema) },
  responses: { 200: jsonResponse(clientResultsSchema, 'the results, by flag key'), ...errorResponses(400, 404) },
});

/**
 * `/client/evaluate`: results for browsers and mobile apps, which hold a client key.
 *
 * @example
 * registerClientRoutes(router, resolved.environments);
 */
export function registerClientRoutes(router: OpenAPIHono<AppEnv>, environments: EnvironmentCache): void {
  router.openapi(evaluateRoute, async (c) => {
    const view = await keyEnvironment(environments, c.var.principal);
    const { version, flags } = encodeClientFlags(view, c.req.valid('json').context);
    // The body of ClientResults, serialised from results whose JSON is made once.
    // Already JSON: the text of ClientResults, which the route's schema describes.
    const body = c.body(`{"version":${version},"flags":${flags}}`, 200, { 'content-type': 'application/json' });
    return body as unknown as TypedResponse<ClientResults, 200, 'json'>;
  });
}
