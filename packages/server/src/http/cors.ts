import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * CORS for the routes that browsers call (`/api/v1/client/*`, `/ofrep/*`): preflights are
 * answered before any key is checked; keys travel in `Authorization` (or `?key=`), never in
 * cookies, so no credentials mode. `ETag` and `Retry-After` are readable by scripts because
 * OFREP web providers poll with `If-None-Match` and back off on 429.
 *
 * @example
 * app.use('/ofrep/*', clientCors(['https://app.example.com']));
 */
export function clientCors(origins: readonly string[]): MiddlewareHandler {
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'Last-Event-ID'],
    exposeHeaders: ['ETag', 'Retry-After'],
    maxAge: 600,
  });
}
