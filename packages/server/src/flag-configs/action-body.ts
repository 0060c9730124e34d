import type { Context } from 'hono';
import { decodeUtf8 } from '../base/utf8.js';
import { LONE_SURROGATE } from '../model/common.js';

/** The longest reason kept; a longer one is cut there. */
export const MAX_REASON_LENGTH = 1000;

/** What a kill or revive took from its body, and what it ignored, in words for the answer. */
export interface ActionBody {
  reason?: string | undefined;
  notes: string[];
}

/**
 * Reads the optional `{ "reason" }` of a kill or revive without ever refusing the request for
 * it: whatever the content type, a body that is empty, not UTF-8, not JSON or not an object is
 * ignored, as are fields other than `reason` (an alerting tool's payload) and a `reason` that
 * is not text. Each thing ignored is said in `notes`, which the answer carries.
 *
 * @example
 * const { reason, notes } = await readActionBody(c);
 */
export async function readActionBody(c: Context): Promise<ActionBody> {
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength === 0) return { notes: [] };
  const text = decodeUtf8(bytes);
  if (text === undefined) return { notes: ['the body is not valid UTF-8; it was ignored'] };
  if (text.trim() === '') return { notes: [] };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { notes: ['the body is not JSON; it was ignored'] };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { notes: ['the body is not a JSON object; it was ignored'] };
  }
  const notes: string[] = [];
  const others = Object.keys(body).filter((name) => name !== 'reason');
  if (others.length > 0) {
    const shown = others.slice(0, 5).map((name) => `'${name}'`);
    const more = others.length > 5 ? ` and ${others.length - 5} more` : '';
    notes.push(`fields other than reason were ignored: ${shown.join(', ')}${more}`);
  }
  const reason: unknown = Reflect.get(body, 'reason');
  if (reason === undefined || reason === null) return { notes };
  if (typeof reason !== 'string') return { notes: [...notes, 'reason is not text; it was ignored'] };
  if (LONE_SURROGATE.test(reason)) return { notes: [...notes, 'reason has unpaired surrogates; it was ignored'] };
  if ([...reason].length <= MAX_REASON_LENGTH) return { reason, notes };
  notes.push(`reason was cut to ${MAX_REASON_LENGTH} characters`);
  return { reason: [...reason].slice(0, MAX_REASON_LENGTH).join(''), notes };
}
