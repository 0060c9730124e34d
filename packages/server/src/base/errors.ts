/** The error codes of the HTTP API; `app.onError` maps each one to its status. */
export type ApiErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'version_mismatch'
  | 'payload_too_large'
  | 'precondition_required'
  | 'rate_limited'
  | 'internal';

/** One bad field of a request: `path` is dotted (`rules.0.rollout.percentage`). */
export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ApiErrorOptions {
  details?: readonly ErrorDetail[];
  cause?: unknown;
}

/**
 * The server's only error class. Throw it anywhere; `app.onError` turns it into
 * `{"error": {"code", "message", "details"?}}` with the matching status.
 *
 * @example
 * throw new ApiError('not_found', `flag 'new-checkout' does not exist`);
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly details: readonly ErrorDetail[] | undefined;

  constructor(code: ApiErrorCode, message: string, options: ApiErrorOptions = {}) {
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
export function validationFailed(details: readonly ErrorDetail[]): ApiError {
  const first = details[0];
  const message = first === undefined ? 'the request is invalid' : `${first.path || 'body'}: ${first.message}`;
  return new ApiError('validation_failed', message, { details });
}
