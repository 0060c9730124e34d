import type { MiddlewareHandler } from 'hono';
import type { Principal } from '../auth/principal.js';
import type { Logger } from '../base/logger.js';
import { redactPath } from './redact-path.js';

/** What this middleware sets and reads on the context; the principal is unset on routes that need no key. */
interface LoggedVariables {
  Variables: { requestId: string; principal?: Principal };
}

// An id sent by a proxy is echoed only when it is this safe to put in a header and a log line.
const SAFE_ID = /^[\w=-]{1,255}$/;

/**
 * Gives each request an id (its `X-Request-Id` when it sends a safe one, else `nextId()`),
 * echoes it in the response, and logs one structured line per request: method, route pattern,
 * path (a trigger URL's secret left out), status, duration, the request id and the actor (the key's name). Health probes log at
 * debug level so that they do not drown the rest.
 *
 * Hono's `requestId` middleware does the same for the id, as one more middleware on every
 * request; folded in here, `/sdk/flags` answers 5–10 % more requests per second
 * (`npm run bench:throughput`).
 *
 * @example
 * app.use('*', requestLogger(logger, createRequestIds(random)));
 */
export function requestLogger(logger: Logger, nextId: () => string): MiddlewareHandler<LoggedVariables> {
  return async (c, next) => {
    const started = performance.now();
    const sent = c.req.header('x-request-id');
    const requestId = sent !== undefined && SAFE_ID.test(sent) ? sent : nextId();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    await next();
    const fields = {
      method: c.req.method,
      route: c.req.routePath,
      path: redactPath(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId,
      // c.get, not c.var: Hono builds a new object for every read of c.var.
      actor: c.get('principal')?.name,
    };
    if (c.req.path.startsWith('/health/')) logger.debug(fields, 'request');
    else if (c.res.status >= 500) logger.error(fields, 'request');
    else logger.info(fields, 'request');
  };
}
