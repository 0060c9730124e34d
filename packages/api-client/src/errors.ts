import type { components } from './schema.js';

/** The body of every error the API answers: `{ "error": { code, message, details? } }`. */
export type ApiErrorBody = components['schemas']['Error'];
export type ApiErrorCode = ApiErrorBody['error']['code'];
export type ApiErrorDetail = NonNullable<ApiErrorBody['error']['details']>[number];

/**
 * An answer other than 2xx, or no answer. `status` is 0 when the server could not be reached or
 * did not answer in time; `code` is the API's error code, or `unreachable` / `unexpected` when the
 * body was not the API's error.
 */
export class RampartApiError extends Error {
  override readonly name = 'RampartApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'unreachable' | 'unexpected',
    message: string,
    readonly details: readonly ApiErrorDetail[] = [],
  ) {
    super(message);
  }

  /** From a response's status and parsed body (any shape). */
  static fromResponse(status: number, body: unknown): RampartApiError {
    const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    if (error !== undefined && typeof error.code === 'string' && typeof error.message === 'string') {
      const details = Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : [];
      return new RampartApiError(status, error.code as ApiErrorCode, error.message, details);
    }
    return new RampartApiError(status, 'unexpected', `the server answered ${status}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The data of an openapi-fetch result, or its error thrown as a `RampartApiError`.
 *
 * @example
 * const { flags } = await unwrap(client.GET('/api/v1/flags'));
 */
export async function unwrap<T>(result: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let settled: { data?: T; error?: unknown; response: Response };
  try {
    settled = await result;
  } catch (error) {
    // A failed connection or a timeout; anything else (a caller's own fetch throwing on purpose) goes through.
    if (error instanceof TypeError || error instanceof DOMException) throw unreachable(error);
    throw error;
  }
  if (settled.response.ok) return settled.data as T;
  throw RampartApiError.fromResponse(settled.response.status, settled.error);
}

/** A failed fetch as a `RampartApiError` with status 0. */
export function unreachable(error: unknown): RampartApiError {
  if (error instanceof RampartApiError) return error;
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const message = timedOut
    ? 'the server did not answer in time'
    : `could not reach the server (${error instanceof Error ? error.message : String(error)}${cause})`;
  return new RampartApiError(0, 'unreachable', message);
}
