import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { RampartError, type ErrorCode } from '../base/errors.js';
import type { Logger } from '../base/logger.js';

const STATUS: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_mismatch: 412,
  payload_too_large: 413,
  precondition_required: 428,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** What a 503 tells clients to wait before trying again: about one convergence bound. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * The one place where errors become HTTP responses: `{"error": {code, message, details?}}`
 * with the code's status. Hono's own exceptions (malformed JSON, wrong content type) are bad
 * input, so 4xx; anything unexpected is logged and answered as 500 without internals.
 *
 * @example
 * app.onError(createErrorHandler(logger));
 */
export function createErrorHandler(logger: Logger): ErrorHandler {
  return (error, c) => respond(c, toRampartError(error, logger));
}

function toRampartError(error: unknown, logger: Logger): RampartError {
  if (error instanceof RampartError && error.code === 'unavailable') {
    logger.warn({ err: error.cause ?? error }, error.message);
    return error;
  }
  if (error instanceof RampartError && error.code !== 'internal') return error;
  if (error instanceof HTTPException && error.status < 500) {
    if (error.status === 413)
      return new RampartError('payload_too_large', 'the request body is too large', { cause: error });
    if (error.status === 415)
      return new RampartError('validation_failed', 'send the body as JSON with Content-Type: application/json', {
        cause: error,
        details: [{ path: '', message: 'Content-Type must be application/json' }],
      });
    if (error.status === 400)
      return new RampartError('validation_failed', 'the body is not valid JSON', {
        cause: error,
        details: [{ path: '', message: 'malformed JSON' }],
      });
    return new RampartError('validation_failed', error.message, { cause: error });
  }
  logger.error({ err: error }, 'request failed');
  return new RampartError('internal', 'internal error', { cause: error });
}

function respond(c: Context, error: RampartError): Response {
  const body = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  // A dependency is away: say when trying again makes sense, so clients back off instead of hammering.
  if (error.code === 'unavailable') c.header('retry-after', String(RETRY_AFTER_SECONDS));
  return c.json(body, STATUS[error.code]);
}
