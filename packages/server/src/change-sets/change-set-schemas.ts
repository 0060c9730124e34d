import { z } from '@hono/zod-openapi';
import { createEnvironmentSchema } from '../environments/index.js';
import { createFlagSchema, updateFlagSchema } from '../flags/index.js';
import { environmentKeySchema, resourceKeySchema, text, timestampSchema } from '../model/common.js';
import { flagConfigInputSchema } from '../model/flag-config-input.js';
import { createSegmentSchema, replaceSegmentSchema } from '../segments/index.js';

const CHANGE_KINDS = [
  'environment.create',
  'segment.create',
  'segment.replace',
  'flag.create',
  'flag.update',
  'config.replace',
] as const;

/** How many changes one set may hold. */
export const MAX_CHANGES = 10_000;

const expectedUpdatedAt = timestampSchema.optional().openapi({
  description:
    'the updatedAt the change was planned against (412 if it differs now); required unless the flag or segment is created earlier in this set',
});

const environmentCreate = z
  .strictObject({ kind: z.literal('environment.create'), environment: createEnvironmentSchema })
  .openapi('ChangeEnvironmentCreate', { description: 'create an environment (admins only)' });

const segmentCreate = z
  .strictObject({ kind: z.literal('segment.create'), segment: createSegmentSchema })
  .openapi('ChangeSegmentCreate', { description: 'create a segment; refused (409) if it exists' });

const segmentReplace = z
  .strictObject({
    kind: z.literal('segment.replace'),
    key: resourceKeySchema,
    expectedUpdatedAt,
    segment: replaceSegmentSchema,
  })
  .openapi('ChangeSegmentReplace', { description: "replace a segment's name, description and conditions" });

const flagCreate = z
  .strictObject({ kind: z.literal('flag.create'), flag: createFlagSchema })
  .openapi('ChangeFlagCreate', {
    description: 'create a flag, off without rules in every environment; refused (409) if it exists',
  });

const flagUpdate = z
  .strictObject({ kind: z.literal('flag.update'), key: resourceKeySchema, expectedUpdatedAt, flag: updateFlagSchema })
  .openapi('ChangeFlagUpdate', { description: "edit a flag's fields; archived: true archives it" });

const configReplace = z
  .strictObject({
    kind: z.literal('config.replace'),
    flag: resourceKeySchema,
    environment: environmentKeySchema,
    expectedVersion: z.number().int().min(1).optional().openapi({
      description:
        'the version the change was planned against (412 if it differs now); required unless the flag is created earlier in this set',
    }),
    config: flagConfigInputSchema,
  })
  .openapi('ChangeConfigReplace', {
    description: "replace a flag's configuration in an environment; rules keep their id when they send it",
  });

export const changeSchema = z.discriminatedUnion('kind', [
  environmentCreate,
  segmentCreate,
  segmentReplace,
  flagCreate,
  flagUpdate,
  configReplace,
]);

export type ChangeInput = z.infer<typeof changeSchema>;

export const changeSetSchema = z
  .strictObject({
    changes: z.array(changeSchema).min(1).max(MAX_CHANGES).openapi({ description: 'applied in this order' }),
    reason: text(1_000).optional().openapi({ description: 'kept in the audit entry of every configuration changed' }),
  })
  .openapi('ChangeSet');

export const changeSetQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: '`true` checks and answers as if applied, then stores nothing' }),
});

const outcomeSchema = z
  .object({
    kind: z.enum(CHANGE_KINDS),
    target: z.string().openapi({ description: 'the key of the environment, segment or flag' }),
    environment: z.string().optional(),
    outcome: z.enum(['created', 'updated', 'unchanged']),
    version: z.number().int().optional().openapi({ description: "config.replace: the configuration's version now" }),
    updatedAt: timestampSchema.optional().openapi({ description: 'segments and flags: their updatedAt now' }),
  })
  .openapi('ChangeOutcome');

export const changeSetResultSchema = z
  .object({ dryRun: z.boolean(), changes: z.array(outcomeSchema) })
  .openapi('ChangeSetResult');
