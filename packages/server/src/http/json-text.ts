import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';

/**
 * Answers 200 with `json`, text that is already the JSON of a `T`, typed as `c.json(value, 200)`
 * would type it: a route that serves cached or pre-serialised JSON keeps that fast path and is
 * still checked against the response schema it declares. The caller vouches that `json` is a `T`.
 *
 * @example
 * return jsonText<ClientResults>(c, `{"version":${version},"flags":${flags}}`);
 */
export function jsonText<T>(c: Context, json: string): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  const response: Response & TypedResponse<unknown, 200, string> = c.body(json, 200, {
    'content-type': 'application/json',
  });
  // Hono tags a text body with the format 'body'; the bytes are what c.json would send for a T.
  return response as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}
