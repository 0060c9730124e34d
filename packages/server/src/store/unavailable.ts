import { RampartError } from '../base/errors.js';

/** Says why a dialect's error means the database cannot serve now, or `undefined` when it means something else. */
export type ClassifyUnavailable = (error: unknown) => string | undefined;

/** Wraps an async store method, keeping its signature. */
export type MethodWrapper = <A extends unknown[], R>(method: (...args: A) => Promise<R>) => (...args: A) => Promise<R>;

/** The error and every `cause` under it (drivers and drizzle wrap the error that says what happened). */
export function* causes(error: unknown): Generator<unknown> {
  for (let next = error, depth = 0; next !== undefined && depth < 10; depth++) {
    yield next;
    next = next instanceof Error ? next.cause : undefined;
  }
}

/** The `code` of the error and of every cause under it (SQLSTATEs, `SQLITE_*`, `ECONNREFUSED`), outermost first. */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (const cause of causes(error)) {
    if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') codes.push(cause.code);
  }
  return codes;
}

/**
 * A wrapper that reports every failure `classify` recognises (a read-only or full database, a
 * lost connection) as `RampartError('unavailable')`, which the app answers with 503 rather
 * than 500. Every other error passes through unchanged.
 *
 * @example
 * const guard = reportUnavailable(classifySqliteError);
 * const transaction = guard(rawTransaction);
 */
export function reportUnavailable(classify: ClassifyUnavailable): MethodWrapper {
  const translate = (error: unknown): never => {
    if (error instanceof RampartError) throw error;
    const reason = classify(error);
    if (reason === undefined) throw error;
    throw new RampartError('unavailable', `the database is unavailable: ${reason}`, { cause: error });
  };
  return (method) =>
    (...args) =>
      method(...args).catch(translate);
}
