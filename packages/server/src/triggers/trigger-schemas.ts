import { z } from '@hono/zod-openapi';
import { text, timestampSchema } from '../model/common.js';

export const createTriggerSchema = z
  .strictObject({
    name: text(100)
      .min(1)
      .refine((value) => !/\p{Cc}/u.test(value), 'must not contain control characters')
      .openapi({
        description: 'unique on the flag in the environment; the audit log names the trigger by it',
        example: 'high-error-rate',
      }),
    action: z.enum(['kill', 'revive']).openapi({ description: 'what a call to the URL does to the flag' }),
  })
  .openapi('CreateTrigger');

export const triggerSchema = z
  .object({
    id: z.string(),
    flag: z.string(),
    environment: z.string(),
    name: z.string(),
    action: z.enum(['kill', 'revive']),
    createdBy: z.string(),
    createdAt: timestampSchema,
    lastFiredAt: timestampSchema.nullable().openapi({ description: 'when the URL was last called' }),
  })
  .openapi('Trigger');

export const createdTriggerSchema = triggerSchema
  .extend({
    url: z.string().openapi({
      description: 'POST here to fire the trigger; the URL is the credential, shown in this response only',
      example: 'https://flags.example.com/hooks/triggers/rtg_…',
    }),
  })
  .openapi('CreatedTrigger');

export const triggerListSchema = z.object({ triggers: z.array(triggerSchema) }).openapi('TriggerList');

export const fireResultSchema = z
  .object({
    outcome: z.enum(['killed', 'revived', 'unchanged', 'ignored']).openapi({
      description:
        '`killed`/`revived`: the flag changed; `unchanged`: it was already so; `ignored`: the alert resolved, so nothing was done',
    }),
    flag: z.string(),
    environment: z.string(),
    trigger: z.string().openapi({ description: "the trigger's name" }),
    message: z.string(),
  })
  .openapi('TriggerFired');
