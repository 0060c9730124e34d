import { RampartError } from '../base/errors.js';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Principal } from '../auth/principal.js';
import type { Delivery } from '../delivery/index.js';
import { ifNoneMatchHolds } from '../http/if-none-match.js';
import { keyEnvironment } from '../delivery/index.js';
import { bulkEtag } from './bulk-etag.js';
import { parseOfrepRequest } from './ofrep-request.js';
import { ofrepBulkResults, ofrepResult } from './ofrep-result.js';
import { errorResponses, headerParameter, jsonResponse, notModifiedResponse } from '../http/openapi-responses.js';
import {
  ofrepBulkFailureSchema,
  ofrepBulkSuccessSchema,
  ofrepFailureSchema,
  ofrepRequestSchema,
  ofrepSuccessSchema,
} from './ofrep-schemas.js';

const tags = ['OFREP'];
const keyParam = z.object({ key: z.string().openapi({ param: { name: 'key', in: 'path' }, example: 'new-checkout' }) });

// The body is documented by reference, not as a schema the route validates: a handler reads it,
// so that bad JSON is an OFREP `PARSE_ERROR` answer rather than an API error.
const REQUEST_SCHEMA = 'OfrepEvaluationRequest';
const requestBody = {
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${REQUEST_SCHEMA}` } } },
  required: false,
};

const evaluateFlag = createRoute({
  method: 'post',
  path: '/ofrep/v1/evaluate/flags/{key}',
  operationId: 'evaluateOfrepFlag',
  tags,
  summary: 'Evaluate one flag (client or server key)',
  description: 'A client key sees only clientSide flags; any other flag is FLAG_NOT_FOUND.',
  request: { params: keyParam, body: requestBody },
  responses: {
    200: jsonResponse(ofrepSuccessSchema, 'the evaluation'),
    400: jsonResponse(ofrepFailureSchema, 'PARSE_ERROR or INVALID_CONTEXT'),
    404: jsonResponse(ofrepFailureSchema, 'FLAG_NOT_FOUND'),
    ...errorResponses(),
  },
});

const evaluateFlags = createRoute({
  method: 'post',
  path: '/ofrep/v1/evaluate/flags',
  operationId: 'evaluateOfrepFlagsBulk',
  tags,
  summary: 'Evaluate every flag the key may see (client or server key)',
  description: 'The ETag depends on the environment version and the context; If-None-Match with it answers 304.',
  parameters: [headerParameter('if-none-match', 'the ETag of an earlier answer')],
  request: { body: requestBody },
  responses: {
    200: {
      ...jsonResponse(ofrepBulkSuccessSchema, 'the evaluations'),
      headers: { ETag: { description: 'depends on the version and the context', schema: { type: 'string' } } },
    },
    ...notModifiedResponse,
    400: jsonResponse(ofrepBulkFailureSchema, 'PARSE_ERROR or INVALID_CONTEXT'),
    ...errorResponses(),
  },
});

/**
 * The OpenFeature Remote Evaluation Protocol: single and bulk evaluation, for client keys
 * (`clientSide` flags only) and server keys (every flag of their environment). OFREP errors
 * are answers, `{ key?, errorCode, errorDetails }` with 400 or 404, not API errors: request
 * bodies are read here rather than by a validating route, so that bad JSON is a `PARSE_ERROR`.
 * Evaluations for client keys are reported to the delivery's client evaluation listeners, as
 * `/client/evaluate`'s are.
 *
 * @example
 * registerOfrepRoutes(app, resolved.delivery);
 */
export function registerOfrepRoutes(
  app: OpenAPIHono<AppEnv>,
  delivery: Pick<Delivery, 'environments' | 'clientEvaluated'>,
): void {
  const { environments } = delivery;
  app.openAPIRegistry.register(REQUEST_SCHEMA, ofrepRequestSchema);
  app.openapi(evaluateFlag, async (c) => {
    const { key } = c.req.valid('param');
    const request = parseOfrepRequest(await c.req.text());
    if (!request.ok) return c.json({ key, errorCode: request.errorCode, errorDetails: request.errorDetails }, 400);
    const view = await keyEnvironment(environments, c.var.principal);
    const { keyId, kind } = sdkKeyOf(c.var.principal);
    const result = ofrepResult(view, key, request.context, kind);
    if (kind === 'client') delivery.clientEvaluated(keyId, view, request.context, [key]);
    return 'errorCode' in result ? c.json(result, 404) : c.json(result, 200);
  });
  app.openapi(evaluateFlags, async (c) => {
    const request = parseOfrepRequest(await c.req.text());
    if (!request.ok) return c.json({ errorCode: request.errorCode, errorDetails: request.errorDetails }, 400);
    const view = await keyEnvironment(environments, c.var.principal);
    const { keyId, kind } = sdkKeyOf(c.var.principal);
    // A 304 too: the client goes on holding the results it has.
    if (kind === 'client') delivery.clientEvaluated(keyId, view, request.context);
    const etag = await bulkEtag({
      environment: view.environment,
      version: view.version,
      kind,
      context: request.context,
    });
    c.header('ETag', etag);
    if (ifNoneMatchHolds(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.json({ flags: ofrepBulkResults(view, request.context, kind) }, 200);
  });
}

/** The SDK key a request to OFREP came with: the key check admits server and client keys only. */
function sdkKeyOf(principal: Principal): { keyId: string; kind: 'server' | 'client' } {
  if (principal.kind !== 'server' && principal.kind !== 'client')
    throw new RampartError('forbidden', `a ${principal.kind} credential may not use OFREP`);
  return { keyId: principal.keyId, kind: principal.kind };
}
