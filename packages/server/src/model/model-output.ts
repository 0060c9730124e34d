import { FLAG_TYPES, type Snapshot, type SnapshotPatch } from '@rampart/core';
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
    defaultVariant: z.string().optional().openapi({
      description: 'non-boolean flags: the flag-level variant served, with its value, when no rule matches',
    }),
    prerequisites: list(prerequisiteSchema),
    version: z.number().int(),
    updatedAt: timestampSchema,
  })
  .openapi('FlagConfig');

export const flagTypeSchema = z.enum(FLAG_TYPES).openapi({ description: 'the type of variant values' });

export const flagSchema = z
  .object({
    key: z.string(),
    type: flagTypeSchema,
    description: z.string(),
    tags: z.array(z.string()),
    owner: z.string(),
    temporary: z.boolean(),
    clientSide: z.boolean(),
    archived: z.boolean(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .openapi('Flag');

export const segmentSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    conditions: list(conditionSchema),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .openapi('Segment');

// What SDKs receive: the core model's `SnapshotFlag`, `Segment`, `Snapshot` and `SnapshotPatch`, with the
// fields the server always sends required. `satisfies` keeps the documented shapes within core's types.

const snapshotFlagSchema = flagSchema
  .pick({ key: true, type: true, description: true, tags: true, owner: true, temporary: true, clientSide: true })
  .extend(
    flagConfigSchema.pick({
      enabled: true,
      version: true,
      rules: true,
      variants: true,
      variantsBucketBy: true,
      defaultVariant: true,
      prerequisites: true,
    }).shape,
  )
  .extend({
    guard: z
      .object({
        ruleId: z.string().openapi({ description: 'the rule the plan ramps' }),
        event: z.string().openapi({ description: 'the event the guard watches, as applications pass it to track' }),
        batch: z.string().openapi({
          description: 'opaque; a new one at every step and configuration change: counts are sent per batch',
        }),
      })
      .optional()
      .openapi('FlagGuard', {
        description:
          'present only while a guarded release plan runs on the flag below 100 %: SDKs count, per batch, the distinct units of each arm of the rule and those that had the event, and send them to /sdk/guard-counts',
      }),
  })
  .openapi('SnapshotFlag', { description: "a live flag with its configuration in the snapshot's environment" });

const snapshotSegmentSchema = segmentSchema.omit({ createdAt: true, updatedAt: true }).openapi('SnapshotSegment');

export const snapshotSchema = z
  .object({
    environment: z.string(),
    version: z.number().int().openapi({ description: 'increases with every change that affects the environment' }),
    flags: list(snapshotFlagSchema).openapi({ description: 'live flags only, sorted by key' }),
    segments: list(snapshotSegmentSchema).openapi({ description: 'sorted by key' }),
  })
  .openapi('Snapshot') satisfies z.ZodType<Snapshot>;

export const snapshotPatchSchema = z
  .object({
    version: z.number().int(),
    flags: list(snapshotFlagSchema).openapi({ description: 'the current state of each flag that changed' }),
    deletedFlags: list(z.string()).openapi({ description: 'flags that left the snapshot (archived)' }),
    segments: list(snapshotSegmentSchema).openapi({ description: 'the current state of each segment that changed' }),
    deletedSegments: list(z.string()).openapi({ description: 'segments that were deleted' }),
  })
  .openapi('SnapshotPatch') satisfies z.ZodType<SnapshotPatch>;
