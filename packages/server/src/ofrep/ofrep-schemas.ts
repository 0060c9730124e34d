import { z } from '@hono/zod-openapi';
import { jsonValueSchema } from '../model/common.js';

/** Documentation of the OFREP wire format; requests are read by `parseOfrepRequest`. */

export const ofrepRequestSchema = z
  .object({
    context: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .optional()
      .openapi({
        description: 'flat attributes; `targetingKey` is read as `userId`',
        example: { targetingKey: '42', plan: 'pro' },
      }),
  })
  .openapi('OfrepEvaluationRequest');

export const ofrepSuccessSchema = z
  .object({
    key: z.string(),
    reason: z.string().openapi({
      description: 'STATIC, SPLIT, DEFAULT, TARGETING_MATCH, DISABLED or PREREQUISITE_FAILED (docs/evaluation.md)',
      example: 'TARGETING_MATCH',
    }),
    variant: z
      .string()
      .optional()
      .openapi({ description: "the chosen variant; when no rule matched, the flag's default variant, if any" }),
    value: jsonValueSchema.optional().openapi({
      description:
        "boolean flags: on or off; others: the variant's value, absent when there is none (the caller uses its code default)",
    }),
    metadata: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .openapi({ description: 'server keys: the matching `ruleId`' }),
  })
  .openapi('OfrepEvaluationSuccess');

export const ofrepFailureSchema = z
  .object({
    key: z.string(),
    errorCode: z.enum(['FLAG_NOT_FOUND', 'PARSE_ERROR', 'INVALID_CONTEXT']),
    errorDetails: z.string(),
  })
  .openapi('OfrepEvaluationFailure');

export const ofrepBulkSuccessSchema = z
  .object({ flags: z.array(ofrepSuccessSchema) })
  .openapi('OfrepBulkEvaluationSuccess');

export const ofrepBulkFailureSchema = z
  .object({ errorCode: z.enum(['PARSE_ERROR', 'INVALID_CONTEXT']), errorDetails: z.string() })
  .openapi('OfrepBulkEvaluationFailure');
