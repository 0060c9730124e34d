import { EXIT } from './exit-codes.js';

/** A failure to report as one message (and a hint of what to do), then exit with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly options: {
      hint?: string | undefined;
      exitCode?: number | undefined;
      /** The API's error code behind it, kept in `--json` errors (e.g. `version_mismatch`). */
      code?: string | undefined;
    } = {},
  ) {
    super(message);
  }

  get exitCode(): number {
    return this.options.exitCode ?? EXIT.failed;
  }
}

/**
 * Any failure, reported exactly as it would be (message, API code, hint), but exiting with
 * `exitCode`: `eval` exits 3 on every failure, so that scripts can tell "off" from "unknown".
 *
 * @example
 * throw new WithExitCode(EXIT.evalError, error);
 */
export class WithExitCode extends Error {
  override readonly name = 'WithExitCode';
  constructor(
    readonly exitCode: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
