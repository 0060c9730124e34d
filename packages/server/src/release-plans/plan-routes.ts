import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import type { WriteDeps } from '../change/write-deps.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { createPlan, readTarget } from './create-plan.js';
import { actOnPlan, type PlanAction } from './plan-actions.js';
import { createPlanSchema, planActionSchema, planSchema } from './plan-schemas.js';
import { planView } from './plan-state.js';

const tags = ['release plans'];
const params = z.object({
  key: z.string().openapi({ param: { name: 'key', in: 'path' }, example: 'new-checkout' }),
  env: z.string().openapi({ param: { name: 'env', in: 'path' }, example: 'production' }),
});
const path = '/flags/{key}/environments/{env}/release';

const getPlan = createRoute({
  method: 'get',
  path,
  operationId: 'getReleasePlan',
  tags,
  summary: 'The latest release plan of the flag in this environment, finished or not',
  request: { params },
  responses: { 200: jsonResponse(planSchema, 'the plan'), ...errorResponses(404) },
});

const postPlan = createRoute({
  method: 'post',
  path,
  operationId: 'createReleasePlan',
  tags,
  summary: 'Roll a rule out step by step (default: the everyone rule); without startAt the first step applies now',
  request: { params, body: jsonBody(createPlanSchema) },
  responses: {
    201: jsonResponse(planSchema, 'the new plan'),
    ...errorResponses(400, 404, 409),
  },
});

const SUMMARIES: Record<PlanAction, string> = {
  pause: 'Stop the plan where it is until it is resumed',
  resume: 'Go on with a paused plan: the step in effect is held again for its whole hold',
  advance: 'Apply the next step now, skipping the rest of the hold',
  abort: 'Stop the plan for good; the configuration stays as it is',
};

const actionRoute = (action: PlanAction) =>
  createRoute({
    method: 'post',
    path: `${path}/${action}`,
    operationId: `${action}ReleasePlan`,
    tags,
    summary: SUMMARIES[action],
    request: { params, body: jsonBody(planActionSchema, false) },
    responses: { 200: jsonResponse(planSchema, 'the plan'), ...errorResponses(400, 404, 409) },
  });

/**
 * `/flags/{key}/environments/{env}/release`: create and read a release plan, and pause,
 * resume, advance or abort it.
 *
 * @example
 * registerReleasePlanRoutes(router, deps);
 */
export function registerReleasePlanRoutes(router: OpenAPIHono<AppEnv>, deps: WriteDeps): void {
  router.openapi(getPlan, async (c) => {
    const { key, env } = c.req.valid('param');
    const plan = await deps.store.getReleasePlan(key, env);
    if (plan === undefined) {
      await readTarget(deps.store, { flag: key, environment: env });
      throw new RampartError('not_found', `'${key}' has no release plan in ${env}`);
    }
    return c.json(planView(plan), 200);
  });

  router.openapi(postPlan, async (c) => {
    const { key, env } = c.req.valid('param');
    const plan = await createPlan(deps, c.var.principal.actor, { flag: key, environment: env }, c.req.valid('json'));
    return c.json(planView(plan), 201);
  });

  for (const action of ['pause', 'resume', 'advance', 'abort'] as const) {
    router.openapi(actionRoute(action), async (c) => {
      const { key, env } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const plan = await actOnPlan(deps, c.var.principal.actor, { flag: key, environment: env }, action, reason);
      return c.json(planView(plan), 200);
    });
  }
}
