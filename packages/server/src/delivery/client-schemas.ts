import { EVALUATION_REASONS } from '@rampart/core';
import { z } from '@hono/zod-openapi';
import type { ClientResults } from './client-results.js';
import { jsonValueSchema } from '../model/common.js';

const CONTEXT_VALUE_MESSAGE = 'must be a string, number, boolean or null';

/** One context attribute: the model's context is flat, so no objects or arrays. */
export const contextValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: CONTEXT_VALUE_MESSAGE,
});

/** An evaluation context (model.md): a flat object of attributes. */
export const evaluationContextSchema = z
  .record(z.string(), contextValueSchema, { error: 'must be an object of attributes' })
  .openapi('EvaluationContext', {
    description: 'flat attributes: strings, numbers, booleans or null (missing)',
    example: { userId: '42', plan: 'pro', beta: true },
  });

export const clientEvaluateBodySchema = z
  .strictObject({ context: evaluationContextSchema.default({}) })
  .openapi('ClientEvaluateRequest');

const reasonSchema = z.enum(EVALUATION_REASONS);

export const clientFlagResultSchema = z
  .object({
    enabled: z.boolean(),
    variant: z
      .string()
      .nullable()
      .openapi({ description: 'the chosen variant; when no rule matched, the default variant if the flag has one' }),
    value: jsonValueSchema.optional().openapi({
      description:
        'boolean flags: `enabled`; other types: the value of `variant` (the default variant when no rule matched), absent when there is none',
    }),
    reason: reasonSchema,
  })
  .openapi('ClientFlagResult');

export const clientResultsSchema = z
  .object({
    version: z.number().int().openapi({ description: "the environment's version the results come from" }),
    flags: z.record(z.string(), clientFlagResultSchema).openapi({ description: 'every clientSide flag, by key' }),
  })
  .openapi('ClientResults') satisfies z.ZodType<ClientResults>;
