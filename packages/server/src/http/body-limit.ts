import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RampartError } from '../base/errors.js';

// Hono's bodyLimit alone held a web Request per stream: 14.6 KiB RSS per idle stream, now 9.0 (`npm run bench:memory`).
/**
 * 413 for a request body over `maxBytes`. Hono's `bodyLimit` does the counting, but it first
 * asks for the body, which makes `@hono/node-server` build a full web `Request` (with its
 * `AbortSignal`) even for a GET; on the SDK routes that was a large part of a request's cost.
 * So a request that cannot have a body passes straight on, and one that declares its length
 * is judged by it, as `bodyLimit` itself does (HTTP parsers deliver no more than that
 * length); only a body without a declared length is counted as it arrives.
 *
 * @example
 * app.use('/api/v1/*', limitBody(1024 * 1024));
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new RampartError('payload_too_large', `the request body is larger than ${maxBytes} bytes`);
  };
  const counted = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(declared, 10) > maxBytes ? tooLarge() : next();
    }
    return counted(c, next);
  };
}

/** The body limit when `AppDeps.maxBodyBytes` is not given: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
