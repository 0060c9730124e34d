import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { segmentSchema } from '../model/model-output.js';
import { createSegmentSchema, replaceSegmentSchema, segmentListSchema } from './segment-schemas.js';
import { createSegment, deleteSegment, replaceSegment } from './segment-writes.js';
import type { WriteDeps } from '../change/write-deps.js';

const params = z.object({ key: z.string().openapi({ param: { name: 'key', in: 'path' }, example: 'internal-users' }) });
const tags = ['segments'];

const listSegments = createRoute({
  method: 'get',
  path: '/segments',
  operationId: 'listSegments',
  tags,
  summary: 'List segments (cohorts shared by all environments)',
  responses: { 200: jsonResponse(segmentListSchema, 'the segments'), ...errorResponses() },
});
const postSegment = createRoute({
  method: 'post',
  path: '/segments',
  operationId: 'createSegment',
  tags,
  summary: 'Create a segment',
  request: { body: jsonBody(createSegmentSchema) },
  responses: { 201: jsonResponse(segmentSchema, 'the new segment'), ...errorResponses(400, 409) },
});
const getSegment = createRoute({
  method: 'get',
  path: '/segments/{key}',
  operationId: 'getSegment',
  tags,
  summary: 'Read a segment',
  request: { params },
  responses: { 200: jsonResponse(segmentSchema, 'the segment'), ...errorResponses(404) },
});
const putSegment = createRoute({
  method: 'put',
  path: '/segments/{key}',
  operationId: 'replaceSegment',
  tags,
  summary: "Replace a segment's name, description and conditions",
  request: { params, body: jsonBody(replaceSegmentSchema) },
  responses: { 200: jsonResponse(segmentSchema, 'the segment'), ...errorResponses(400, 404) },
});
const removeSegment = createRoute({
  method: 'delete',
  path: '/segments/{key}',
  operationId: 'deleteSegment',
  tags,
  summary: 'Delete a segment that no rule uses (409 names the flags that do)',
  request: { params },
  responses: { 200: jsonResponse(segmentSchema, 'the deleted segment'), ...errorResponses(404, 409) },
});

/**
 * `/segments` and `/segments/{key}`.
 *
 * @example
 * registerSegmentRoutes(router, deps);
 */
export function registerSegmentRoutes(router: OpenAPIHono<AppEnv>, deps: WriteDeps): void {
  router.openapi(listSegments, async (c) => c.json({ segments: await deps.store.listSegments() }, 200));
  router.openapi(postSegment, async (c) => {
    const { key, ...input } = c.req.valid('json');
    return c.json(await createSegment(deps, c.var.principal.actor, key, input), 201);
  });
  router.openapi(getSegment, async (c) => {
    const { key } = c.req.valid('param');
    const segment = await deps.store.getSegment(key);
    if (segment === undefined) throw new RampartError('not_found', `segment '${key}' does not exist`);
    return c.json(segment, 200);
  });
  router.openapi(putSegment, async (c) => {
    const { name, description, conditions } = c.req.valid('json');
    return c.json(
      await replaceSegment(deps, c.var.principal.actor, c.req.valid('param').key, { name, description, conditions }),
      200,
    );
  });
  router.openapi(removeSegment, async (c) =>
    c.json(await deleteSegment(deps, c.var.principal.actor, c.req.valid('param').key), 200),
  );
}
