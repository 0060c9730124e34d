import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Snapshot } from '@rampart/core';
import type { AppEnv } from '../auth/principal.js';
import type { Delivery } from './delivery.js';
import { RampartError } from '../base/errors.js';
import { etagOf } from '../http/if-match.js';
import { ifNoneMatchHolds } from '../http/if-none-match.js';
import { keyEnvironment } from './key-environment.js';
import { errorResponses } from '../http/openapi-responses.js';
import { streamResponse } from './sse-response.js';

const tags = ['sdk'];

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
  router.get('/sdk/flags', async (c) => {
    const view = await keyEnvironment({ get: delivery.view }, c.var.principal);
    const etag = etagOf(view.version);
    c.header('etag', etag);
    c.header('cache-control', 'no-cache');
    if (ifNoneMatchHolds(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.body(jsonOf(view.snapshot), 200, { 'content-type': 'application/json' });
  });

  router.get('/sdk/stream', async (c) => {
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

  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/sdk/flags',
    tags,
    summary: "The key's environment as a snapshot, for local evaluation (server key)",
    description: '`ETag: "<version>"`; `If-None-Match` with it answers 304.',
    responses: {
      200: {
        description: 'the snapshot `{ environment, version, flags, segments }`',
        content: { 'application/json': { schema: { type: 'object' } } },
      },
      304: { description: 'unchanged since the ETag sent in If-None-Match' },
      ...errorResponses(404),
    },
  });
  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/sdk/stream',
    tags,
    summary: "Server-Sent Events of the key's environment (server key)",
    description:
      '`event: snapshot` on connect, then `event: patch` `{ version, flags, deletedFlags, segments, deletedSegments }` per change in version order, each with `id: <version>`; a comment as heartbeat. With `Last-Event-ID`, only the patches after it when the server still has them, else a fresh snapshot.',
    responses: {
      200: { description: 'the event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      ...errorResponses(404),
    },
  });
}
