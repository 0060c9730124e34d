import { EXIT } from './exit-codes.js';

/** A failure to report as one message (and a hint of what to do), then exit with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly options: { hint?: string | undefined; exitCode?: number | undefined } = {},
  ) {
    super(message);
  }

  get exitCode(): number {
    return this.options.exitCode ?? EXIT.failed;
  }
}
