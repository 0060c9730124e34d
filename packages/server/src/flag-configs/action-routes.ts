import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import type { FlagConfigDeps } from './config-watch.js';
import { etagOf } from '../http/if-match.js';
import { errorResponses, jsonResponse } from '../http/openapi-responses.js';
import { reasonBodySchema } from '../model/common.js';
import { flagConfigSchema } from '../model/model-output.js';
import { readActionBody } from './action-body.js';
import { editConfig, editEveryConfig } from './edit-config.js';
import { contentOf } from './normalize-config.js';

type Action = 'kill' | 'revive';

const tags = ['flag configurations'];
const key = z.string().openapi({ param: { name: 'key', in: 'path' }, example: 'new-checkout' });
const env = z.string().openapi({ param: { name: 'env', in: 'path' }, example: 'production' });
const ifMatchHeader = z.object({
  'if-match': z.string().optional().openapi({ description: 'the version read: "3" or 3', example: '"3"' }),
});
const notes = z
  .array(z.string())
  .optional()
  .openapi({ description: 'what was ignored in the request body (it never stops a kill or a revive)' });

// The body is documented, not validated by the route: a kill is never refused for how it was
// asked, so `readActionBody` takes what it can from any body and says what it ignored.
const REASON_BODY = 'ReasonBody';
const requestBody = {
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${REASON_BODY}` } } },
  required: false,
  description: 'optional; any content type; a body that cannot be read is ignored and the answer says so',
};

const actionResultSchema = flagConfigSchema.extend({ notes }).openapi('FlagActionResult');
const everywhereResultSchema = z
  .object({ flag: z.string(), configs: z.array(flagConfigSchema), notes })
  .openapi('FlagActionEverywhereResult');

const SUMMARIES: Record<Action, { one: string; every: string }> = {
  kill: {
    one: 'Turn the flag off for everyone in this environment',
    every: 'Turn the flag off for everyone in every environment, in one transaction',
  },
  revive: {
    one: 'Turn the flag back on in this environment (its rules apply again)',
    every: 'Turn the flag back on in every environment, in one transaction',
  },
};

const inEnvironment = (action: Action) =>
  createRoute({
    method: 'post',
    path: `/flags/{key}/environments/{env}/${action}`,
    operationId: `${action}FlagInEnvironment`,
    tags,
    summary: SUMMARIES[action].one,
    request: { params: z.object({ key, env }), headers: ifMatchHeader, body: requestBody },
    responses: {
      200: {
        ...jsonResponse(actionResultSchema, 'the configuration'),
        headers: { ETag: { description: 'the configuration version, quoted', schema: { type: 'string' as const } } },
      },
      ...errorResponses(404, 409, 412),
    },
  });

const everywhere = (action: Action) =>
  createRoute({
    method: 'post',
    path: `/flags/{key}/${action}`,
    operationId: `${action}FlagEverywhere`,
    tags,
    summary: SUMMARIES[action].every,
    request: { params: z.object({ key }), body: requestBody },
    responses: {
      200: jsonResponse(everywhereResultSchema, 'the configuration in each environment'),
      ...errorResponses(404, 409),
    },
  });

/**
 * Kill and revive, in one environment (`/flags/{key}/environments/{env}/kill`) or in every
 * environment at once (`/flags/{key}/kill`). They accept any body, or none.
 *
 * @example
 * registerFlagActionRoutes(router, deps);
 */
export function registerFlagActionRoutes(router: OpenAPIHono<AppEnv>, deps: FlagConfigDeps): void {
  router.openAPIRegistry.register(REASON_BODY, reasonBodySchema);
  for (const action of ['kill', 'revive'] as const) {
    const enabled = action === 'revive';
    const audited = enabled ? ('config.revived' as const) : ('config.killed' as const);
    const edit = (current: Parameters<typeof contentOf>[0]) => ({ ...contentOf(current), enabled });

    router.openapi(inEnvironment(action), async (c) => {
      const { key, env } = c.req.valid('param');
      const { reason, notes } = await readActionBody(c);
      const options = { ifMatch: c.req.header('if-match'), requireIfMatch: false, action: audited, reason };
      const config = await editConfig(deps, c.var.principal.actor, { flag: key, environment: env }, options, edit);
      c.header('ETag', etagOf(config.version));
      return c.json({ ...config, ...(notes.length > 0 ? { notes } : {}) }, 200);
    });

    router.openapi(everywhere(action), async (c) => {
      const { key } = c.req.valid('param');
      const { reason, notes } = await readActionBody(c);
      const configs = await editEveryConfig(deps, c.var.principal.actor, key, { action: audited, reason }, edit);
      return c.json({ flag: key, configs, ...(notes.length > 0 ? { notes } : {}) }, 200);
    });
  }
}
