import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import { etagOf } from '../http/if-match.js';
import { errorResponses, jsonBody } from '../http/openapi-responses.js';
import { rampSchema } from './action-schemas.js';
import { flagConfigInputSchema } from '../model/flag-config-input.js';
import { flagConfigSchema } from '../model/model-output.js';
import type { FlagConfigRecord } from '../store/store.js';
import { editConfig } from './edit-config.js';
import { toConfigContent } from './normalize-config.js';
import { rampedContent } from './ramp.js';
import type { FlagConfigDeps } from './config-watch.js';

const params = z.object({
  key: z.string().openapi({ param: { name: 'key', in: 'path' }, example: 'new-checkout' }),
  env: z.string().openapi({ param: { name: 'env', in: 'path' }, example: 'production' }),
});
const ifMatchHeader = z.object({
  'if-match': z.string().optional().openapi({ description: 'the version read, quoted: "3"', example: '"3"' }),
});
const tags = ['flag configurations'];
const path = '/flags/{key}/environments/{env}';
const configResponse = {
  description: 'the configuration',
  headers: { ETag: { description: 'the configuration version, quoted', schema: { type: 'string' as const } } },
  content: { 'application/json': { schema: flagConfigSchema } },
};

const getConfig = createRoute({
  method: 'get',
  path,
  operationId: 'getFlagInEnvironment',
  tags,
  summary: "A flag's configuration in one environment",
  request: { params },
  responses: { 200: configResponse, ...errorResponses(404) },
});

const putConfig = createRoute({
  method: 'put',
  path,
  operationId: 'replaceFlagInEnvironment',
  tags,
  summary: 'Replace the configuration; If-Match with the version read is required',
  request: { params, headers: ifMatchHeader, body: jsonBody(flagConfigInputSchema) },
  responses: { 200: configResponse, ...errorResponses(400, 404, 409, 412, 428) },
});

const ramp = createRoute({
  method: 'post',
  path: `${path}/ramp`,
  operationId: 'rampFlagInEnvironment',
  tags,
  summary: "Set a rule's rollout percentage (default: the everyone rule, added when missing)",
  request: { params, headers: ifMatchHeader, body: jsonBody(rampSchema) },
  responses: { 200: configResponse, ...errorResponses(400, 404, 409, 412) },
});

/**
 * `/flags/{key}/environments/{env}`: read, replace, ramp (kill and revive are in
 * `action-routes.ts`). Every answer carries the configuration and its `ETag`.
 *
 * @example
 * registerFlagConfigRoutes(router, deps);
 */
export function registerFlagConfigRoutes(router: OpenAPIHono<AppEnv>, deps: FlagConfigDeps): void {
  router.openapi(getConfig, async (c) => {
    const { key, env } = c.req.valid('param');
    const config = await deps.store.getFlagConfig(key, env);
    if (config === undefined) {
      const missing = (await deps.store.getFlag(key)) === undefined ? `flag '${key}'` : `environment '${env}'`;
      throw new RampartError('not_found', `${missing} does not exist`);
    }
    return withEtag(c, config);
  });
  router.openapi(putConfig, async (c) => {
    const { key, env } = c.req.valid('param');
    const content = toConfigContent(c.req.valid('json'), deps.random);
    const options = { ifMatch: c.req.header('if-match'), requireIfMatch: true, action: 'config.replaced' as const };
    return withEtag(
      c,
      await editConfig(deps, c.var.principal.actor, { flag: key, environment: env }, options, () => content),
    );
  });
  router.openapi(ramp, async (c) => {
    const { key, env } = c.req.valid('param');
    const request = c.req.valid('json');
    const options = { ifMatch: c.req.header('if-match'), requireIfMatch: false, action: 'config.ramped' as const };
    const config = await editConfig(deps, c.var.principal.actor, { flag: key, environment: env }, options, (current) =>
      rampedContent(current, request, deps.random),
    );
    return withEtag(c, config);
  });
}

function withEtag(c: Context<AppEnv>, config: FlagConfigRecord) {
  c.header('ETag', etagOf(config.version));
  return c.json(config, 200);
}
