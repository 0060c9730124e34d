import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { UNLEASH_NOT_CARRIED_CODES } from '@rampart/core';
import type { AppEnv } from '../auth/principal.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { environmentKeySchema } from '../model/common.js';
import { mapUnleashDocument } from './import-plan.js';
import { importUnleash } from './import-unleash.js';
import type { WriteDeps } from '../change/write-deps.js';

const unleashDocumentSchema = z
  .looseObject({
    features: z.array(z.looseObject({ name: z.string() })),
    segments: z.array(z.looseObject({ id: z.union([z.number(), z.string()]) })).optional(),
  })
  .openapi('UnleashDocument', { description: "Unleash's client API document (GET /api/client/features)" });

const planEntry = z.object({ key: z.string(), action: z.enum(['create', 'update', 'unchanged']) });
const notCarriedSchema = z
  .object({
    flag: z.string(),
    environment: z.string(),
    ruleId: z.string().openapi({ description: 'the rule the strategy became, imported off (0 %)' }),
    strategy: z.object({ id: z.string().optional(), name: z.string().optional(), title: z.string().optional() }),
    reasons: z.array(z.object({ code: z.enum(UNLEASH_NOT_CARRIED_CODES), message: z.string() })).min(1),
  })
  .openapi('ImportStrategyNotCarried', { description: 'an Unleash strategy whose meaning could not be carried over' });

const planSchema = z
  .object({
    environment: z.string(),
    dryRun: z.boolean(),
    flags: z.array(planEntry),
    segments: z.array(planEntry),
    notCarried: z.array(notCarriedSchema),
  })
  .openapi('ImportPlan');

const importRoute = createRoute({
  method: 'post',
  path: '/import/unleash',
  operationId: 'importUnleash',
  tags: ['import'],
  summary: 'Import an Unleash client-API document into one environment (dryRun=true: only the plan)',
  request: {
    query: z.object({ environment: environmentKeySchema, dryRun: z.enum(['true', 'false']).optional() }),
    body: jsonBody(unleashDocumentSchema),
  },
  responses: {
    200: jsonResponse(planSchema, 'what was (or would be) created, updated or left alone'),
    ...errorResponses(400, 404, 409),
  },
});

/**
 * `POST /import/unleash`.
 *
 * @example
 * registerImportRoutes(router, deps);
 */
export function registerImportRoutes(router: OpenAPIHono<AppEnv>, deps: WriteDeps): void {
  router.openapi(importRoute, async (c) => {
    const { environment, dryRun } = c.req.valid('query');
    const mapped = mapUnleashDocument(c.req.valid('json'));
    const plan = await importUnleash(deps, c.var.principal.actor, { environment, mapped, dryRun: dryRun === 'true' });
    return c.json(plan, 200);
  });
}
