import type { MiddlewareHandler } from 'hono';
import { RampartError } from '../base/errors.js';
import { decodeUtf8 } from '../base/utf8.js';

/** How deeply a request body's arrays and objects may nest. */
export const MAX_JSON_DEPTH = 64;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Checks a JSON request body before any route reads it: bytes that are not UTF-8 are refused
 * (rather than stored as U+FFFD), and so is nesting deeper than {@link MAX_JSON_DEPTH} (rather
 * than overflowing the stack of whatever walks it next). The parsed body is handed on through
 * Hono's body cache, so routes parse it no second time. An empty or malformed body passes on
 * untouched: the route decides what that means.
 *
 * @example
 * app.use('/api/v1/*', checkJsonBody);
 */
export const checkJsonBody: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type');
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || type === undefined || !JSON_TYPE.test(type)) return next();
  const text = decodeUtf8(await c.req.arrayBuffer());
  if (text === undefined) {
    throw new RampartError('validation_failed', 'the body is not valid UTF-8', {
      details: [{ path: '', message: 'not valid UTF-8' }],
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return next();
  }
  if (nestsDeeperThan(parsed, MAX_JSON_DEPTH)) {
    throw new RampartError('validation_failed', `the body nests deeper than ${MAX_JSON_DEPTH} levels`, {
      details: [{ path: '', message: `nested deeper than ${MAX_JSON_DEPTH} levels` }],
    });
  }
  c.req.bodyCache.json = Promise.resolve(parsed);
  return next();
};

/** Whether `value` has arrays or objects nested more than `limit` deep; walks without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
