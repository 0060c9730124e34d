import type { JsonValue } from '@rampart/core';
import { z } from '@hono/zod-openapi';
import { toJsonValue } from './json-value.js';

// Lone surrogates cannot be stored as UTF-8 and would come back changed, so no string may hold one.
/** An unpaired UTF-16 surrogate: JSON can carry one (`"\ud800"`), UTF-8 cannot. */
export const LONE_SURROGATE = /\p{Cs}/u;
const KEY_FORBIDDEN = /[\p{Cc}\p{Cs}\s/]/u;

/**
 * A string of at most `max` characters that survives storage unchanged.
 *
 * @example
 * const name = text(200);
 */
export function text(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !LONE_SURROGATE.test(value), 'must not contain unpaired surrogates');
}

/** Flag and segment keys (model.md): 1–200 characters, no control characters, whitespace or `/`, and not `.` or `..`. */
export const resourceKeySchema = z
  .string()
  .refine((value) => {
    const length = [...value].length;
    return length >= 1 && length <= 200;
  }, 'must be 1–200 characters')
  .refine((value) => !KEY_FORBIDDEN.test(value), 'must not contain control characters, whitespace or "/"')
  // URLs collapse these two path segments, so such a flag could never be read or changed again.
  .refine((value) => value !== '.' && value !== '..', 'must not be "." or ".."')
  .openapi({ example: 'new-checkout' });

/** Environment keys are short slugs, as they appear in URLs, SDK configuration and logs. */
export const environmentKeySchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  )
  .openapi({ example: 'production' });

/** Any JSON value. */
export const jsonValueSchema = z
  .unknown()
  .transform((value, ctx): JsonValue => {
    const converted = toJsonValue(value);
    if (converted === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON value' });
      return z.NEVER;
    }
    return converted;
  })
  .openapi({ description: 'any JSON value' });

export const timestampSchema = z.string().openapi({ description: 'ISO 8601', example: '2030-01-01T12:00:00.000Z' });

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum([
        'validation_failed',
        'unauthorized',
        'forbidden',
        'not_found',
        'conflict',
        'version_mismatch',
        'payload_too_large',
        'precondition_required',
        'rate_limited',
        'internal',
      ]),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

/** A `{ reason? }` body for actions that record why. */
export const reasonBodySchema = z.strictObject({ reason: text(1000).optional() }).openapi('ReasonBody');
