import { conditionProblem, OPERATORS, type Condition } from '@rampart/core';
import { z } from '@hono/zod-openapi';
import { jsonValueSchema, resourceKeySchema, text } from './common.js';
import { duplicateIssues } from './duplicates.js';

const attributeSchema = text(200).min(1);

/** A unit chain: context attributes tried in order; `$random` is a fresh unit each time. */
export const unitChainSchema = z
  .array(attributeSchema)
  .min(1)
  .max(16)
  .openapi('UnitChain', { example: ['userId', 'sessionId', '$random'] });

/** 0–100 with at most three decimals (0.001 % steps). */
export const percentageSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((value) => Number(value.toFixed(3)) === value, 'must have at most three decimals')
  .openapi({ example: 5 });

export const conditionSchema = z
  .strictObject({
    attribute: attributeSchema,
    operator: z.enum(OPERATORS),
    values: z.array(text(10_000)).max(100_000),
    negate: z.boolean().optional(),
    caseInsensitive: z.boolean().optional(),
  })
  .superRefine((condition: Condition, ctx) => {
    const problem = conditionProblem(condition);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: ['values'] });
  })
  .openapi('ConditionInput');

const weightSchema = z.number().int().min(0).max(1_000_000);

export const variantOverrideSchema = z
  .strictObject({ attribute: attributeSchema, values: z.array(text(10_000)).max(100_000) })
  .openapi('VariantOverrideInput');

export const variantSchema = z
  .strictObject({
    key: text(200).min(1),
    value: jsonValueSchema.optional(),
    weight: weightSchema,
    overrides: z.array(variantOverrideSchema).max(1_000).optional(),
  })
  .openapi('VariantInput');

/** Rule-level variants take no overrides (model.md). */
export const ruleVariantSchema = z
  .strictObject({ key: text(200).min(1), value: jsonValueSchema.optional(), weight: weightSchema })
  .openapi('RuleVariantInput');

export const rolloutSchema = z
  .strictObject({ percentage: percentageSchema, bucketBy: unitChainSchema.optional(), salt: text(200).optional() })
  .openapi('RolloutInput');

export const ruleInputSchema = z
  .strictObject({
    id: text(64).min(1).optional().openapi({ description: 'assigned by the server when absent; stable afterwards' }),
    name: text(200).optional(),
    segments: z.array(resourceKeySchema).max(100).optional(),
    conditions: z.array(conditionSchema).max(1_000).optional(),
    rollout: rolloutSchema,
    variants: z.array(ruleVariantSchema).max(1_000).optional(),
    variantsBucketBy: unitChainSchema.optional(),
  })
  .superRefine((rule, ctx) => duplicateIssues(ctx, rule.variants ?? [], (v) => v.key, ['variants'], 'key'))
  .openapi('RuleInput');

export const prerequisiteSchema = z
  .strictObject({
    flag: resourceKeySchema,
    enabled: z.boolean().optional(),
    variants: z.array(text(200).nullable()).max(1_000).optional(),
  })
  .openapi('PrerequisiteInput');

/** The body of `PUT /flags/{key}/environments/{env}`; read-only fields of a fetched configuration are accepted and ignored. */
export const flagConfigInputSchema = z
  .strictObject({
    enabled: z.boolean(),
    rules: z.array(ruleInputSchema).max(1_000).optional(),
    variants: z.array(variantSchema).max(1_000).optional(),
    variantsBucketBy: unitChainSchema.optional(),
    defaultVariant: text(200).min(1).optional().openapi({
      description:
        'non-boolean flags only: the key of a flag-level variant served, with its value, when no rule matches (the flag stays off, reason DEFAULT)',
      example: 'classic',
    }),
    prerequisites: z.array(prerequisiteSchema).max(100).optional(),
    flag: z.string().optional().openapi({ description: 'read-only; ignored' }),
    environment: z.string().optional().openapi({ description: 'read-only; ignored' }),
    version: z.number().optional().openapi({ description: 'read-only; ignored (send If-Match)' }),
    updatedAt: z.string().optional().openapi({ description: 'read-only; ignored' }),
  })
  .superRefine((config, ctx) => {
    const rules = config.rules ?? [];
    duplicateIssues(
      ctx,
      rules.filter((rule) => rule.id !== undefined),
      (rule) => rule.id,
      ['rules'],
      'id',
      rules,
    );
    duplicateIssues(ctx, config.variants ?? [], (variant) => variant.key, ['variants'], 'key');
    const { defaultVariant } = config;
    if (defaultVariant !== undefined && !(config.variants ?? []).some((variant) => variant.key === defaultVariant)) {
      ctx.addIssue({
        code: 'custom',
        message: `must name a flag-level variant, and '${defaultVariant}' is not one of the keys in variants`,
        path: ['defaultVariant'],
      });
    }
    duplicateIssues(ctx, config.prerequisites ?? [], (prerequisite) => prerequisite.flag, ['prerequisites'], 'flag');
  })
  .openapi('FlagConfigInput');

export type FlagConfigInput = z.infer<typeof flagConfigInputSchema>;
export type RuleInput = z.infer<typeof ruleInputSchema>;
