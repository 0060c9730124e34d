import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import {
  createFlagSchema,
  flagListQuerySchema,
  flagListSchema,
  flagWithEnvironmentsSchema,
  updateFlagSchema,
} from './flag-schemas.js';
import { archiveFlag, createFlag, updateFlag, type FlagView } from './flag-writes.js';
import { flagState, type FlagState } from './flag-state.js';
import type { WriteDeps } from '../change/write-deps.js';

const flagParams = z.object({
  key: z.string().openapi({ param: { name: 'key', in: 'path' }, example: 'new-checkout' }),
});
const tags = ['flags'];

const listFlags = createRoute({
  method: 'get',
  path: '/flags',
  operationId: 'listFlags',
  tags,
  summary: 'List flags with their state in each environment (live ones unless archived=true)',
  request: { query: flagListQuerySchema },
  responses: { 200: jsonResponse(flagListSchema, 'the flags'), ...errorResponses(400, 404) },
});

const postFlag = createRoute({
  method: 'post',
  path: '/flags',
  operationId: 'createFlag',
  tags,
  summary: 'Create a flag: off, without rules, in every environment',
  request: { body: jsonBody(createFlagSchema) },
  responses: { 201: jsonResponse(flagWithEnvironmentsSchema, 'the new flag'), ...errorResponses(400, 409) },
});

const getFlag = createRoute({
  method: 'get',
  path: '/flags/{key}',
  operationId: 'getFlag',
  tags,
  summary: 'Read a flag with its configuration in every environment',
  request: { params: flagParams },
  responses: { 200: jsonResponse(flagWithEnvironmentsSchema, 'the flag'), ...errorResponses(404) },
});

const patchFlag = createRoute({
  method: 'patch',
  path: '/flags/{key}',
  operationId: 'updateFlag',
  tags,
  summary: "Edit a flag's metadata (archived: false restores it)",
  request: { params: flagParams, body: jsonBody(updateFlagSchema) },
  responses: { 200: jsonResponse(flagWithEnvironmentsSchema, 'the flag'), ...errorResponses(400, 404, 409) },
});

const deleteFlag = createRoute({
  method: 'delete',
  path: '/flags/{key}',
  operationId: 'archiveFlag',
  tags,
  summary: 'Archive a flag: SDKs stop receiving it',
  request: { params: flagParams },
  responses: { 200: jsonResponse(flagWithEnvironmentsSchema, 'the archived flag'), ...errorResponses(404, 409) },
});

/**
 * `/flags` and `/flags/{key}`.
 *
 * @example
 * registerFlagRoutes(router, deps);
 */
export function registerFlagRoutes(router: OpenAPIHono<AppEnv>, deps: WriteDeps): void {
  router.openapi(listFlags, async (c) => {
    const { tag, q, archived, environment, enabled } = c.req.valid('query');
    if (environment !== undefined && (await deps.store.getEnvironment(environment)) === undefined) {
      throw new RampartError('not_found', `environment '${environment}' does not exist`);
    }
    const [flags, configs, plans] = await Promise.all([
      deps.store.listFlags({ tag, q, archived: archived === 'true' }),
      deps.store.listFlagConfigs({ environment }),
      deps.store.listReleasePlans({ environment }),
    ]);
    const planOf = new Map(plans.map((plan) => [`${plan.flag}\n${plan.environment}`, plan]));
    const states = new Map<string, Record<string, FlagState>>();
    for (const config of configs) {
      const byEnvironment = states.get(config.flag) ?? {};
      byEnvironment[config.environment] = flagState(config, planOf.get(`${config.flag}\n${config.environment}`));
      states.set(config.flag, byEnvironment);
    }
    const listed = flags.map((flag) => ({ ...flag, environments: states.get(flag.key) ?? {} }));
    const wanted = enabled === undefined ? undefined : enabled === 'true';
    const shown =
      wanted === undefined
        ? listed
        : listed.filter((flag) => Object.values(flag.environments).some((state) => state.enabled) === wanted);
    return c.json({ flags: shown }, 200);
  });
  router.openapi(postFlag, async (c) =>
    c.json(flagView(await createFlag(deps, c.var.principal.actor, c.req.valid('json'))), 201),
  );
  router.openapi(getFlag, async (c) => {
    const { key } = c.req.valid('param');
    const flag = await deps.store.getFlag(key);
    if (flag === undefined) throw new RampartError('not_found', `flag '${key}' does not exist`);
    return c.json(flagView({ flag, configs: await deps.store.listFlagConfigs({ flag: key }) }), 200);
  });
  router.openapi(patchFlag, async (c) => {
    const view = await updateFlag(deps, c.var.principal.actor, c.req.valid('param').key, c.req.valid('json'));
    return c.json(flagView(view), 200);
  });
  router.openapi(deleteFlag, async (c) => {
    const view = await archiveFlag(deps, c.var.principal.actor, c.req.valid('param').key);
    return c.json(flagView(view), 200);
  });
}

function flagView({ flag, configs }: FlagView) {
  return { ...flag, environments: Object.fromEntries(configs.map((config) => [config.environment, config])) };
}
