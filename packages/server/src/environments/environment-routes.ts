import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import {
  createEnvironmentSchema,
  environmentListSchema,
  environmentSchema,
  updateEnvironmentSchema,
} from './environment-schemas.js';
import { createEnvironment, protectEnvironment } from './environment-writes.js';
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

const patchEnvironment = createRoute({
  method: 'patch',
  path: '/environments/{key}',
  operationId: 'updateEnvironment',
  tags: ['environments'],
  summary: 'Protect an environment (only admins and the roles listed may change configurations there), or stop',
  request: {
    params: z.object({ key: z.string().openapi({ param: { name: 'key', in: 'path' }, example: 'production' }) }),
    body: jsonBody(updateEnvironmentSchema),
  },
  responses: { 200: jsonResponse(environmentSchema, 'the environment'), ...errorResponses(400, 404) },
});

/**
 * `GET` and `POST /environments`, `PATCH /environments/{key}`.
 *
 * @example
 * registerEnvironmentRoutes(router, deps);
 */
export function registerEnvironmentRoutes(router: OpenAPIHono<AppEnv>, deps: WriteDeps): void {
  router.openapi(listEnvironments, async (c) => c.json({ environments: await deps.store.listEnvironments() }, 200));
  router.openapi(postEnvironment, async (c) => {
    const environment = await createEnvironment(deps, c.var.principal.actor, c.req.valid('json'));
    return c.json(environment, 201);
  });
  router.openapi(patchEnvironment, async (c) => {
    const environment = await protectEnvironment(
      deps,
      c.var.principal.actor,
      c.req.valid('param').key,
      c.req.valid('json'),
    );
    return c.json(environment, 200);
  });
}
