import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import type { FlagConfigDeps } from '../flag-configs/index.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { applyChangeSet } from './apply-change-set.js';
import { changeSetQuerySchema, changeSetResultSchema, changeSetSchema } from './change-set-schemas.js';

const postChangeSet = createRoute({
  method: 'post',
  path: '/change-sets',
  operationId: 'applyChangeSet',
  tags: ['change sets'],
  summary: 'Apply several changes in one transaction, all or none (flags as code: rampart apply)',
  description:
    'Each change is checked, applied and audited as its own route would be, in order. A change carries the version ' +
    '(configurations) or updatedAt (flags, segments) it was planned against; if anything moved since, nothing is ' +
    'applied (412). The first refused change rolls back the whole set; the error names it (changes.N).',
  request: { query: changeSetQuerySchema, body: jsonBody(changeSetSchema) },
  responses: {
    200: jsonResponse(changeSetResultSchema, 'what each change did, in order'),
    ...errorResponses(400, 403, 404, 409, 412),
  },
});

/**
 * `POST /change-sets`.
 *
 * @example
 * registerChangeSetRoutes(router, configDeps);
 */
export function registerChangeSetRoutes(router: OpenAPIHono<AppEnv>, deps: FlagConfigDeps): void {
  router.openapi(postChangeSet, async (c) => {
    const dryRun = c.req.valid('query').dryRun === 'true';
    const changes = await applyChangeSet(deps, c.var.principal, c.req.valid('json'), dryRun);
    return c.json({ dryRun, changes }, 200);
  });
}
