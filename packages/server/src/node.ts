import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { ServerResponse } from 'node:http';
import type { Context } from 'hono';
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
  fetch(request: Request, env: (Partial<StreamBindings> & ClientBindings) | undefined): Response | Promise<Response>;
}) {
  return async (request: Request, { incoming, outgoing }: HttpBindings | Http2Bindings): Promise<Response> => {
    const address = incoming.socket.remoteAddress;
    const response = await app.fetch(request, {
      ...(outgoing instanceof ServerResponse ? { streamTo: outgoing } : {}),
      ...(address === undefined ? {} : { clientAddress: address }),
    });
    return outgoing.headersSent ? RESPONSE_ALREADY_SENT : response;
  };
}

/** What {@link nodeFetch} tells the app of the client. */
export interface ClientBindings {
  /** The connection's remote address. */
  clientAddress?: string;
}

/**
 * The client's address as {@link nodeFetch} passed it: the connection's (behind a proxy, the proxy's).
 *
 * @example
 * createApp({ ...deps, clientAddress: nodeClientAddress });
 */
export function nodeClientAddress(c: Context): string | undefined {
  const env: unknown = c.env;
  return typeof env === 'object' && env !== null && 'clientAddress' in env && typeof env.clientAddress === 'string'
    ? env.clientAddress
    : undefined;
}
