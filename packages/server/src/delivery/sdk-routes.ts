import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Snapshot } from '@rampart/core';
import type { AppEnv } from '../auth/principal.js';
import type { Delivery } from './delivery.js';
import { RampartError } from '../base/errors.js';
import { etagOf } from '../http/if-match.js';
import { ifNoneMatchHolds } from '../http/if-none-match.js';
import { keyEnvironment } from './key-environment.js';
import { errorResponses, headerParameter, jsonResponse, notModifiedResponse } from '../http/openapi-responses.js';
import { snapshotPatchSchema, snapshotSchema } from '../model/model-output.js';
import { eventStreamResponse, streamResponse } from './sse-response.js';

const tags = ['sdk'];

const getSnapshot = createRoute({
  method: 'get',
  path: '/sdk/flags',
  operationId: 'getSdkSnapshot',
  tags,
  summary: "The key's environment as a snapshot, for local evaluation (server key)",
  description: '`ETag: "<version>"`; `If-None-Match` with it answers 304.',
  parameters: [headerParameter('if-none-match', 'the ETag of an earlier answer')],
  responses: {
    200: {
      ...jsonResponse(snapshotSchema, 'the snapshot'),
      headers: { ETag: { description: 'the snapshot version, quoted', schema: { type: 'string' } } },
    },
    ...notModifiedResponse,
    ...errorResponses(404),
  },
});

const streamChanges = createRoute({
  method: 'get',
  path: '/sdk/stream',
  operationId: 'streamSdkChanges',
  tags,
  summary: "Server-Sent Events of the key's environment (server key)",
  description:
    'With `Last-Event-ID`, only the patches after it when the server still has them, else a fresh snapshot: an SDK never misses a change and never applies one twice.',
  parameters: [headerParameter('last-event-id', 'the version of the last event received, to resume after it')],
  responses: {
    200: eventStreamResponse(
      '`event: snapshot`, `id: <version>`, `data:` a `Snapshot` on connect; then `event: patch`, `id: <version>`, `data:` a `SnapshotPatch` for each change, in version order; a comment line every 15 s as a heartbeat; `retry:` before the server closes the stream at shutdown.',
    ),
    ...errorResponses(404),
  },
});

// SDKs poll this while their stream is down: the text of a snapshot is made once.
const snapshotJson = new WeakMap<Snapshot, string>();

function jsonOf(snapshot: Snapshot): string {
  let json = snapshotJson.get(snapshot);
  if (json === undefined) {
    json = JSON.stringify(snapshot);
    snapshotJson.set(snapshot, json);
  }
  return json;
}

/**
 * `/sdk/flags` (the snapshot, with ETag) and `/sdk/stream` (SSE: the snapshot, then patches)
 * for server keys. The environment is always the key's own: there is nothing to name.
 *
 * @example
 * registerSdkRoutes(router, resolved.delivery);
 */
export function registerSdkRoutes(router: OpenAPIHono<AppEnv>, delivery: Delivery): void {
  // The data of the stream's `patch` events; no route returns it as a body.
  router.openAPIRegistry.register('SnapshotPatch', snapshotPatchSchema);

  router.openapi(getSnapshot, async (c) => {
    const view = await keyEnvironment(
      { get: delivery.view, freshness: delivery.environments.freshness },
      c.var.principal,
    );
    const etag = etagOf(view.version);
    c.header('etag', etag);
    c.header('cache-control', 'no-cache');
    if (ifNoneMatchHolds(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.body(jsonOf(view.snapshot), 200, { 'content-type': 'application/json' });
  });

  router.openapi(streamChanges, async (c) => {
    const { principal } = c.var;
    const request = {
      environment: principal.environment ?? '',
      keyId: principal.keyId,
      lastEventId: c.req.header('last-event-id'),
    };
    const response = await streamResponse(c, (open) => delivery.openSdkStream(request, open));
    if (response === undefined)
      throw new RampartError('not_found', `the key's environment '${request.environment}' does not exist`);
    return response;
  });
}
