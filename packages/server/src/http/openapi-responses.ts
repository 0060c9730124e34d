import { errorResponseSchema } from '../model/common.js';

const DESCRIPTIONS = {
  400: 'validation_failed: the details name each bad field',
  401: 'unauthorized: no key, or an unknown or revoked one',
  403: 'forbidden: the key may not use this route',
  404: 'not_found',
  409: 'conflict',
  412: 'version_mismatch: If-Match names an older version',
  413: 'payload_too_large',
  428: 'precondition_required: If-Match is missing',
  503: 'unavailable: the database cannot serve now (unreachable, read-only or full); retry later',
} as const;

type ErrorStatus = keyof typeof DESCRIPTIONS;

/**
 * OpenAPI response entries for the errors a route can answer; handlers throw `RampartError`, so
 * these only document.
 *
 * @example
 * responses: { 200: ok, ...errorResponses(400, 404) }
 */
export function errorResponses(...statuses: ErrorStatus[]) {
  const all: ErrorStatus[] = [401, 403, 413, 503, ...statuses];
  return Object.fromEntries(
    all.map((status) => [
      status,
      { description: DESCRIPTIONS[status], content: { 'application/json': { schema: errorResponseSchema } } },
    ]),
  );
}

/** The JSON body entry of a route, for `createRoute`. */
export function jsonBody<T>(schema: T, required = true) {
  return { content: { 'application/json': { schema } }, required };
}

/** A JSON response entry, for `createRoute`. */
export function jsonResponse<T>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** The 304 entry of a route that honours `If-None-Match`, for `createRoute`. */
export const notModifiedResponse = { 304: { description: 'unchanged since the ETag sent in If-None-Match' } };

/**
 * A request header that the handler reads itself, documented as an operation parameter rather than
 * validated by the route: the polling and streaming routes stay free of a per-request validator.
 *
 * @example
 * createRoute({ method: 'get', path, parameters: [headerParameter('if-none-match', 'the ETag of an earlier answer')], responses });
 */
export function headerParameter(name: string, description: string) {
  return { name, in: 'header' as const, required: false, description, schema: { type: 'string' as const } };
}
