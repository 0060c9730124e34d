/**
 * What went wrong, in the domain's words. Nothing here knows HTTP: the app's error handler
 * (`http/error-handler.ts`) is the one place that maps each code to a status.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'version_mismatch'
  | 'payload_too_large'
  | 'precondition_required'
  | 'rate_limited'
  /** The database cannot serve the request now: unreachable, read-only, or out of disk. */
  | 'unavailable'
  | 'internal';

/** One bad field of a request: `path` is dotted (`rules.0.rollout.percentage`). */
export interface ErrorDetail {
  path: string;
  message: string;
}

export interface RampartErrorOptions {
  details?: readonly ErrorDetail[];
  cause?: unknown;
}

/**
 * The server's only error class. Throw it anywhere; `app.onError` turns it into
 * `{"error": {"code", "message", "details"?}}` with the matching status.
 *
 * @example
 * throw new RampartError('not_found', `flag 'new-checkout' does not exist`);
 */
export class RampartError extends Error {
  override readonly name = 'RampartError';
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[] | undefined;

  constructor(code: ErrorCode, message: string, options: RampartErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

/**
 * A 400 whose details name each bad field.
 *
 * @example
 * throw validationFailed([{ path: 'rules.0.segments.0', message: "segment 'beta' does not exist" }]);
 */
export function validationFailed(details: readonly ErrorDetail[]): RampartError {
  const first = details[0];
  const message = first === undefined ? 'the request is invalid' : `${first.path || 'body'}: ${first.message}`;
  return new RampartError('validation_failed', message, { details });
}
