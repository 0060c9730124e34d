import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { ServerResponse } from 'node:http';
import { WRITTEN_HEADER, type StreamBindings } from './http/response-sink.js';

/**
 * The app's `fetch` for `@hono/node-server`: it hands the stream routes Node's response, to
 * which they write directly (see `http/response-sink.ts`), and tells the adapter not to write
 * those again (over HTTP/2 they stream through a web body, as under any other adapter). The adapter's own marker is honoured only on a response built by the
 * platform's `Response`, not by the faster one it puts in its place, hence a marker of the
 * app's own, answered here with the adapter's constant.
 *
 * @example
 * serve({ fetch: nodeFetch(app), port: 8080 });
 */
export function nodeFetch(app: { fetch(request: Request, env: StreamBindings | undefined): Response | Promise<Response> }) {
  return async (request: Request, { outgoing }: HttpBindings | Http2Bindings): Promise<Response> => {
    const response = await app.fetch(request, outgoing instanceof ServerResponse ? { streamTo: outgoing } : undefined);
    return response.headers.has(WRITTEN_HEADER) ? RESPONSE_ALREADY_SENT : response;
  };
}
