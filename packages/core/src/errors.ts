export type CoreErrorCode = 'invalid_unleash_document';

/** The one error class of `@rampart/core`. Evaluation never throws it: it returns errors as values. */
export class CoreError extends Error {
  override readonly name = 'CoreError';
  readonly code: CoreErrorCode;

  constructor(code: CoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
