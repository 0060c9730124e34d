import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { evaluationContextSchema, keyEnvironment, type Delivery } from '../delivery/index.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { text } from '../model/common.js';
import type { GuardCollector } from './guard-collector.js';

/** The most a count of one arm in one entry may be. */
export const MAX_GUARD_COUNT = 10_000_000;
/**
 * The most entries one report may carry: an SDK sends one per guarded flag and batch, its
 * current batches and up to 1,000 that ended since its last upload.
 */
export const MAX_GUARD_ENTRIES = 2_000;

const count = (description: string) =>
  z
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(MAX_GUARD_COUNT, `must be at most ${MAX_GUARD_COUNT}`)
    .openapi({ description });

const armCountsSchema = z
  .strictObject({
    exposures: count('distinct units of this arm that were served the flag during the batch'),
    events: count('distinct units of this arm that had the guarded event during the batch'),
  })
  .openapi('GuardArmCounts');

const guardCountEntrySchema = z
  .strictObject({
    flag: text(200).min(1).openapi({ description: 'the flag key', example: 'new-checkout' }),
    batch: text(200).min(1).openapi({
      description: "the `guard.batch` of the flag's snapshot the counts were made under",
      example: 'q3k7m2xa9wbt:1:7',
    }),
    treatment: armCountsSchema.openapi({ description: 'contexts the guarded rule matches and its rollout lets in' }),
    control: armCountsSchema.openapi({ description: 'contexts the guarded rule matches and its rollout leaves out' }),
  })
  .openapi('GuardCountEntry');

export const guardCountsSchema = z
  .strictObject({
    counts: z
      .array(guardCountEntrySchema)
      .max(MAX_GUARD_ENTRIES, `must have at most ${MAX_GUARD_ENTRIES} entries`)
      .openapi({ description: 'one entry per flag and batch' }),
    dropped: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(Number.MAX_SAFE_INTEGER, 'must be at most 2^53 - 1')
      .default(0)
      .openapi({
        description: 'units the SDK counted but could not keep or send since its last accepted upload; in /metrics',
      }),
  })
  .openapi('GuardCountsInput');

const guardCountsResultSchema = z
  .object({
    accepted: z.number().int().openapi({ description: 'entries taken for the next weighing' }),
    ignored: z.number().int().openapi({
      description: "entries for a flag without a guard now, or for another batch than the flag's current one",
    }),
  })
  .openapi('GuardCountsResult');

export const trackSchema = z
  .strictObject({
    event: text(200).min(1).openapi({ description: 'the event, as guards name it', example: 'checkout-error' }),
    context: evaluationContextSchema.default({}),
  })
  .openapi('ClientTrackRequest');

const guardCountsRoute = createRoute({
  method: 'post',
  path: '/sdk/guard-counts',
  operationId: 'reportGuardCounts',
  tags: ['sdk'],
  summary: "Report distinct units per arm for guarded flags of the key's environment (server key)",
  description:
    'Server SDKs send these every few seconds for each flag whose snapshot carries a `guard`. Entries for unknown flags or for another batch are ignored, not refused; a malformed body is a 400 and changes nothing.',
  request: { body: jsonBody(guardCountsSchema) },
  responses: { 202: jsonResponse(guardCountsResultSchema, 'how many entries were taken'), ...errorResponses(400, 404) },
});

const trackRoute = createRoute({
  method: 'post',
  path: '/client/track',
  operationId: 'trackClientEvent',
  tags: ['client'],
  summary: 'Report that a context had an event, for guarded release plans (client key; CORS enabled)',
  description:
    "The server works out the context's arm of each guarded flag watching the event and counts it at most once per interval, and only for a unit it served that flag's results in the same interval.",
  request: { body: jsonBody(trackSchema) },
  responses: { 202: { description: 'taken; nothing to read' }, ...errorResponses(400, 404) },
});

/**
 * `POST /sdk/guard-counts` (server keys: their SDKs' counts are trusted) and
 * `POST /client/track` (client keys: the server attributes and bounds what it counts).
 *
 * @example
 * registerGuardRoutes(router, { delivery: resolved.delivery, guards: resolved.guards });
 */
export function registerGuardRoutes(
  router: OpenAPIHono<AppEnv>,
  deps: { delivery: Pick<Delivery, 'view' | 'environments'>; guards: Pick<GuardCollector, 'ingest' | 'tracked'> },
): void {
  const environments = { get: deps.delivery.view, freshness: deps.delivery.environments.freshness };

  router.openapi(guardCountsRoute, async (c) => {
    const view = await keyEnvironment(environments, c.var.principal);
    const { counts, dropped } = c.req.valid('json');
    return c.json(deps.guards.ingest(view, counts, dropped), 202);
  });

  router.openapi(trackRoute, async (c) => {
    const view = await keyEnvironment(environments, c.var.principal);
    const { event, context } = c.req.valid('json');
    deps.guards.tracked(c.var.principal.keyId, view, event, context);
    return c.body(null, 202);
  });
}
