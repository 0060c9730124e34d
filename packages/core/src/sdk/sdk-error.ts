export type SdkErrorCode =
  /** The server refused the key (401/403). The SDK stops connecting. */
  | 'unauthorized'
  /** A flag that the SDK's flags do not have was asked for (reported once per key). */
  | 'flag_not_found'
  /** The stream or a poll failed; the SDK keeps answering from what it has and retries. */
  | 'connection'
  /** The server sent something that is not what the SDK expects (a snapshot, a patch, results). */
  | 'invalid_data'
  /** The cache file could not be written (Node SDK). */
  | 'cache'
  /**
   * A guarded release plan's counts could not be sent, or the server refused them (Node SDK).
   * They are dropped, counting goes on, and the next upload reports how many were lost.
   */
  | 'guard_counts';

/**
 * The one error class of both SDKs. They report it (the Node SDK's `error` event, the React
 * SDK's `onError` option) and never throw it at callers: flags keep answering.
 *
 * @example
 * createClient({ url, sdkKey }).on('error', (error) => {
 *   if (error.code === 'unauthorized') alert(error.message);
 * });
 */
export class SdkError extends Error {
  override readonly name = 'RampartError';
  readonly code: SdkErrorCode;

  constructor(code: SdkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
