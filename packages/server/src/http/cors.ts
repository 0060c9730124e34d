import type { MiddlewareHandler } from 'hono';

const ALLOW_METHODS = 'GET,POST,OPTIONS';
const ALLOW_HEADERS = 'Authorization,Content-Type,If-None-Match,Last-Event-ID';
const EXPOSE_HEADERS = 'ETag,Retry-After';
const MAX_AGE_SECONDS = '600';

// Hand-written for speed: with hono/cors, CORS cost about a quarter of a /client/evaluate request (`npm run bench:throughput`).
/**
 * CORS for the routes that browsers call (`/api/v1/client/*`, `/ofrep/*`): preflights are
 * answered before any key is checked; keys travel in `Authorization` (or `?key=`), never in
 * cookies, so no credentials mode. `ETag` and `Retry-After` are readable by scripts because
 * OFREP web providers poll with `If-None-Match` and back off on 429.
 *
 * The headers of `hono/cors` with these options, set differently: through `c.header()` before
 * the handler runs, never on `c.res`. Touching `c.res` first makes Hono rebuild the handler's
 * response to merge them, and under `@hono/node-server` that turns its light response into a
 * full web `Response` with a body stream: on `/client/evaluate` that was about a quarter of
 * the cost of a request.
 *
 * @example
 * app.use('/ofrep/*', clientCors(['https://app.example.com']));
 */
export function clientCors(origins: readonly string[]): MiddlewareHandler {
  const anyOrigin = origins.includes('*');
  const allowedOrigin = (origin: string | undefined): string | undefined =>
    anyOrigin ? '*' : origin !== undefined && origins.includes(origin) ? origin : undefined;
  return async (c, next) => {
    const origin = allowedOrigin(c.req.header('origin'));
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = {
        'access-control-expose-headers': EXPOSE_HEADERS,
        'access-control-max-age': MAX_AGE_SECONDS,
        'access-control-allow-methods': ALLOW_METHODS,
        'access-control-allow-headers': ALLOW_HEADERS,
      };
      if (origin !== undefined) headers['access-control-allow-origin'] = origin;
      // The answer depends on the Origin only when origins are listed.
      if (!anyOrigin) headers.vary = 'Origin';
      return c.body(null, 204, headers);
    }
    if (origin !== undefined) c.header('access-control-allow-origin', origin);
    c.header('access-control-expose-headers', EXPOSE_HEADERS);
    if (!anyOrigin) c.header('vary', 'Origin', { append: true });
    await next();
  };
}
