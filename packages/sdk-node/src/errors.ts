export type SdkErrorCode =
  /** The server refused the SDK key (401/403). The client stops connecting. */
  | 'unauthorized'
  /** A flag that the snapshot does not have was asked for (reported once per key). */
  | 'flag_not_found'
  /** The stream or a poll failed; the client keeps answering from what it has and retries. */
  | 'connection'
  /** The server sent something that is not a snapshot or patch. */
  | 'invalid_data'
  /** The cache file could not be written. */
  | 'cache';

/** The one error class of `@rampart/sdk-node`. It is reported through the `error` event, never thrown at callers. */
export class SdkError extends Error {
  override readonly name = 'RampartError';
  readonly code: SdkErrorCode;

  constructor(code: SdkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
