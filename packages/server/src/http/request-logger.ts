import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../base/logger.js';

/**
 * Logs one structured line per request: method, route pattern, path, status and duration.
 * Health probes log at debug level so that they do not drown the rest.
 *
 * @example
 * app.use('*', requestLogger(logger));
 */
export function requestLogger(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const fields = {
      method: c.req.method,
      route: c.req.routePath,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (c.req.path.startsWith('/health/')) logger.debug(fields, 'request');
    else if (c.res.status >= 500) logger.error(fields, 'request');
    else logger.info(fields, 'request');
  };
}
