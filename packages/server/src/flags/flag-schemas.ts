import { z } from '@hono/zod-openapi';
import { resourceKeySchema, text } from '../model/common.js';
import { flagConfigSchema, flagSchema, flagTypeSchema } from '../model/model-output.js';

const tagsSchema = z.array(text(100).min(1)).max(50);

const editableFlagFields = {
  description: text(2_000),
  tags: tagsSchema,
  owner: text(200),
  temporary: z.boolean().openapi({ description: 'true for release flags that are expected to be removed' }),
  clientSide: z.boolean().openapi({ description: 'visible to client (browser) keys' }),
};

/** The fields that creating and editing a flag both take, all optional. */
const optionalFlagFields = {
  type: flagTypeSchema.optional(),
  description: editableFlagFields.description.optional(),
  tags: editableFlagFields.tags.optional(),
  owner: editableFlagFields.owner.optional(),
  temporary: editableFlagFields.temporary.optional(),
  clientSide: editableFlagFields.clientSide.optional(),
};

export const createFlagSchema = z.strictObject({ key: resourceKeySchema, ...optionalFlagFields }).openapi('CreateFlag');

export const updateFlagSchema = z
  .strictObject({
    ...optionalFlagFields,
    archived: z.boolean().optional().openapi({ description: '`false` restores an archived flag' }),
  })
  .openapi('UpdateFlag');

export type CreateFlagInput = z.infer<typeof createFlagSchema>;
export type UpdateFlagInput = z.infer<typeof updateFlagSchema>;

export const flagWithEnvironmentsSchema = flagSchema
  .extend({
    environments: z
      .record(z.string(), flagConfigSchema)
      .openapi({ description: 'the configuration in each environment, by environment key' }),
  })
  .openapi('FlagWithEnvironments');

export const flagStateSchema = z
  .object({
    enabled: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
    rules: z.number().int().openapi({ description: 'how many rules the configuration has' }),
    everyone: z
      .number()
      .nullable()
      .openapi({ description: 'the percentage of the "everyone" rule (no segments, no conditions); null without one' }),
    summary: z.string().openapi({ example: 'on: everyone 5 %, 1 more rule' }),
    release: z
      .enum(['scheduled', 'running', 'paused'])
      .nullable()
      .openapi({ description: 'the release plan under way in this environment; null without one' }),
  })
  .openapi('FlagState');

export const flagListItemSchema = flagSchema
  .extend({
    environments: z
      .record(z.string(), flagStateSchema)
      .openapi({ description: 'the state in each environment (only the one asked for with ?environment=)' }),
  })
  .openapi('FlagListItem');

export const flagListSchema = z.object({ flags: z.array(flagListItemSchema) }).openapi('FlagList');

export const flagListQuerySchema = z.object({
  tag: z.string().optional(),
  q: z.string().optional().openapi({ description: 'a case-insensitive part of the key or description' }),
  archived: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: '`true` lists archived flags instead of live ones' }),
  environment: z
    .string()
    .optional()
    .openapi({ description: 'show the state in this environment only; `enabled` then applies to it' }),
  enabled: z.enum(['true', 'false']).optional().openapi({
    description:
      'with environment: flags on (true) or off (false) there; without: on in some environment (true) or off in all (false)',
  }),
});
