export type CoreErrorCode =
  | 'invalid_unleash_document'
  /** The server refused the key (401/403): retrying cannot help. */
  | 'stream_rejected'
  /** The server answered with another status than 200. */
  | 'stream_failed'
  /** The connection could not be made, or broke. */
  | 'stream_interrupted'
  /** Nothing, not even a heartbeat, arrived in time: the connection is presumed dead. */
  | 'stream_stalled';

/** The one error class of `@rampart/core`. Evaluation never throws it: it returns errors as values. */
export class CoreError extends Error {
  override readonly name = 'CoreError';
  readonly code: CoreErrorCode;
  /** The HTTP status, for errors that come from a response. */
  readonly status: number | undefined;

  constructor(code: CoreErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options);
    this.code = code;
    this.status = options?.status;
  }
}
