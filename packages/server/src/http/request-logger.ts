import type { MiddlewareHandler } from 'hono';
import type { Principal } from '../auth/principal.js';
import type { Logger } from '../base/logger.js';

/** What this middleware reads from the context; both are unset on a request that failed before them. */
interface LoggedVariables {
  Variables: { requestId?: string; principal?: Principal };
}

/**
 * Logs one structured line per request: method, route pattern, path, status, duration, the
 * request id and the actor (the key's name; absent for routes that need no key). Health probes
 * log at debug level so that they do not drown the rest.
 *
 * @example
 * app.use('*', requestId(), requestLogger(logger));
 */
export function requestLogger(logger: Logger): MiddlewareHandler<LoggedVariables> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const fields = {
      method: c.req.method,
      route: c.req.routePath,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId: c.var.requestId,
      actor: c.var.principal?.name,
    };
    if (c.req.path.startsWith('/health/')) logger.debug(fields, 'request');
    else if (c.res.status >= 500) logger.error(fields, 'request');
    else logger.info(fields, 'request');
  };
}
