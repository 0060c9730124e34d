import { z } from '@hono/zod-openapi';
import { jsonValueSchema, timestampSchema } from './common.js';

/** Response schemas: the stored model as the API returns it (the core model's shapes). */

const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const unitChain = list(z.string()).openapi({ example: ['userId', 'sessionId', '$random'] });

export const conditionSchema = z
  .object({
    attribute: z.string(),
    operator: z.string(),
    values: list(z.string()),
    negate: z.boolean().optional(),
    caseInsensitive: z.boolean().optional(),
  })
  .openapi('Condition');

export const variantSchema = z
  .object({
    key: z.string(),
    value: jsonValueSchema.optional(),
    weight: z.number().int(),
    overrides: list(z.object({ attribute: z.string(), values: list(z.string()) })).optional(),
  })
  .openapi('Variant');

export const ruleSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    segments: list(z.string()).optional(),
    conditions: list(conditionSchema).optional(),
    rollout: z.object({ percentage: z.number(), bucketBy: unitChain.optional(), salt: z.string().optional() }),
    variants: list(variantSchema).optional(),
    variantsBucketBy: unitChain.optional(),
  })
  .openapi('Rule');

export const prerequisiteSchema = z
  .object({ flag: z.string(), enabled: z.boolean().optional(), variants: list(z.string().nullable()).optional() })
  .openapi('Prerequisite');

export const flagConfigSchema = z
  .object({
    flag: z.string(),
    environment: z.string(),
    enabled: z.boolean(),
    rules: list(ruleSchema),
    variants: list(variantSchema),
    variantsBucketBy: unitChain.optional(),
    prerequisites: list(prerequisiteSchema),
    version: z.number().int(),
    updatedAt: timestampSchema,
  })
  .openapi('FlagConfig');
