import type { EvaluationContext } from '@rampart/core';
import { z } from '@hono/zod-openapi';
import { evaluationContextSchema } from '../delivery/index.js';
import { issueDetails } from '../model/issue-details.js';

/** The OFREP error codes a request itself can cause. */
export type OfrepRequestErrorCode = 'PARSE_ERROR' | 'INVALID_CONTEXT';

export type OfrepRequest =
  { ok: true; context: EvaluationContext } | { ok: false; errorCode: OfrepRequestErrorCode; errorDetails: string };

// Unknown top-level fields are ignored: the protocol may grow, and providers send only `context`.
const bodySchema = z.object({ context: evaluationContextSchema.optional() });

/**
 * Reads an OFREP evaluation request body, `{ "context": { ... } }`, into a Rampart context:
 * OpenFeature's `targetingKey` becomes `userId` (an explicit `userId` wins). An empty body is
 * an empty context. Never throws: a body that is not a JSON object is a `PARSE_ERROR`, a
 * context that is not a flat object of attributes an `INVALID_CONTEXT` naming the attribute.
 *
 * @example
 * parseOfrepRequest('{"context":{"targetingKey":"42","plan":"pro"}}');
 * // { ok: true, context: { userId: '42', plan: 'pro' } }
 */
export function parseOfrepRequest(body: string): OfrepRequest {
  let json: unknown = {};
  if (body.trim() !== '') {
    try {
      json = JSON.parse(body);
    } catch {
      return { ok: false, errorCode: 'PARSE_ERROR', errorDetails: 'the body is not valid JSON' };
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errorCode: 'PARSE_ERROR', errorDetails: 'the body must be a JSON object: {"context": {...}}' };
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    const [first] = issueDetails(parsed.error.issues);
    return {
      ok: false,
      errorCode: 'INVALID_CONTEXT',
      errorDetails: first === undefined ? 'the context is invalid' : `${first.path}: ${first.message}`,
    };
  }
  return { ok: true, context: toRampartContext(parsed.data.context ?? {}) };
}

function toRampartContext(context: Readonly<Record<string, string | number | boolean | null>>): EvaluationContext {
  const { targetingKey, ...attributes } = context;
  if (
    targetingKey === undefined ||
    targetingKey === null ||
    (attributes.userId !== undefined && attributes.userId !== null)
  )
    return attributes;
  return { ...attributes, userId: targetingKey };
}
