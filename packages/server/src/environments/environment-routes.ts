import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { createEnvironmentSchema, environmentListSchema, environmentSchema } from './environment-schemas.js';
import { createEnvironment } from './environment-writes.js';
import type { WriteDeps } from '../change/write-deps.js';

const listEnvironments = createRoute({
  method: 'get',
  path: '/environments',
  operationId: 'listEnvironments',
  tags: ['environments'],
  summary: 'List environments',
  responses: { 200: jsonResponse(environmentListSchema, 'the environments'), ...errorResponses() },
});

const postEnvironment = createRoute({
  method: 'post',
  path: '/environments',
  operationId: 'createEnvironment',
  tags: ['environments'],
  summary: 'Create an environment; every flag starts off in it',
  request: { body: jsonBody(createEnvironmentSchema) },
  responses: { 201: jsonResponse(environmentSchema, 'the new environment'), ...errorResponses(400, 409) },
});

/**
 * `GET` and `POST /environments`.
 *
 * @example
 * registerEnvironmentRoutes(router, deps);
 */
export function registerEnvironmentRoutes(router: OpenAPIHono<AppEnv>, deps: WriteDeps): void {
  router.openapi(listEnvironments, async (c) => c.json({ environments: await deps.store.listEnvironments() }, 200));
  router.openapi(postEnvironment, async (c) => {
    const environment = await createEnvironment(deps, c.var.principal.name, c.req.valid('json'));
    return c.json(environment, 201);
  });
}
