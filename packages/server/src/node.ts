import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { ServerResponse } from 'node:http';
import type { StreamBindings } from './delivery/index.js';

export { includeProcessMetrics } from './process-metrics.js';

/**
 * The app's `fetch` for `@hono/node-server`: it hands the stream routes Node's response, to
 * which they write directly (see `http/response-sink.ts`), and when a route has started that
 * response it tells the adapter, with the adapter's own constant, to write nothing more. Over
 * HTTP/2 the streams go out as a web body, as under any other adapter.
 *
 * @example
 * serve({ fetch: nodeFetch(app), port: 8080 });
 */
export function nodeFetch(app: {
  fetch(request: Request, env: StreamBindings | undefined): Response | Promise<Response>;
}) {
  return async (request: Request, { outgoing }: HttpBindings | Http2Bindings): Promise<Response> => {
    const response = await app.fetch(request, outgoing instanceof ServerResponse ? { streamTo: outgoing } : undefined);
    return outgoing.headersSent ? RESPONSE_ALREADY_SENT : response;
  };
}
