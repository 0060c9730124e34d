import { z } from '@hono/zod-openapi';
import { EVENT_FAMILIES, EVENT_TYPES } from '../change/events.js';
import { environmentKeySchema, timestampSchema } from '../model/common.js';

const CHOICES = [...EVENT_TYPES, ...EVENT_FAMILIES];

const urlSchema = z
  .string()
  .max(2000)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http or https URL')
  .refine(
    (value) => !URL.canParse(value) || (new URL(value).username === '' && new URL(value).password === ''),
    'must not carry a user name or password (they would be shown to every admin); put a secret in the path instead',
  )
  .openapi({ example: 'https://hooks.example.com/rampart' });
const eventsSchema = z
  .array(z.string().refine((value) => CHOICES.includes(value), `must be one of ${CHOICES.join(', ')}`))
  .min(1, 'choose at least one event, or leave events out for every event')
  .max(100)
  .nullable()
  .openapi({
    description: 'event types (`config.killed`) or families (`release.*`); `null` or absent: every event',
    example: ['config.killed', 'release.*'],
  });
const environmentsSchema = z
  .array(environmentKeySchema)
  .min(1, 'name at least one environment, or leave environments out for all')
  .max(100)
  .nullable()
  .openapi({
    description: 'environments whose events are sent; `null` or absent: all. Events of no environment are always sent',
    example: ['production'],
  });
const formatSchema = z
  .enum(['standard', 'slack'])
  .openapi({ description: '`standard`: the event as JSON; `slack`: a readable message for an incoming webhook' });

export const createWebhookSchema = z
  .strictObject({
    url: urlSchema,
    events: eventsSchema.optional(),
    environments: environmentsSchema.optional(),
    format: formatSchema.optional(),
  })
  .openapi('CreateWebhook');

export const updateWebhookSchema = z
  .strictObject({
    url: urlSchema.optional(),
    events: eventsSchema.optional(),
    environments: environmentsSchema.optional(),
    format: formatSchema.optional(),
    enabled: z.boolean().optional().openapi({ description: 'enabling sends what is pending, disabling holds it' }),
  })
  .openapi('UpdateWebhook');

export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()).nullable(),
    environments: z.array(z.string()).nullable(),
    format: formatSchema,
    enabled: z.boolean(),
    disabledReason: z.string().nullable().openapi({ description: 'why it was disabled, by its failures or a person' }),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .openapi('Webhook');

export const createdWebhookSchema = webhookSchema
  .extend({
    secret: z.string().openapi({
      description: 'the signing secret (`whsec_…`) for verifying `webhook-signature`; shown in this response only',
    }),
  })
  .openapi('CreatedWebhook');

export const webhookListSchema = z.object({ webhooks: z.array(webhookSchema) }).openapi('WebhookList');

const attemptSchema = z
  .object({
    at: timestampSchema,
    durationMs: z.number(),
    status: z.number().optional().openapi({ description: "the receiver's HTTP status, when it answered" }),
    error: z.string().optional().openapi({ description: 'why the attempt failed' }),
  })
  .openapi('DeliveryAttempt');

export const deliverySchema = z
  .object({
    id: z.string().openapi({ description: 'the `webhook-id` header, the same on every attempt', example: 'msg_x' }),
    eventType: z.string().openapi({ example: 'config.killed' }),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.array(attemptSchema),
    nextAttemptAt: timestampSchema.nullable(),
    payload: z.unknown().openapi({ description: 'the event in the standard format' }),
    createdAt: timestampSchema,
  })
  .openapi('Delivery');

export const deliveryListSchema = z
  .object({
    deliveries: z.array(deliverySchema),
    nextCursor: z.string().nullable().openapi({ description: 'pass as `cursor` for the next (older) page' }),
  })
  .openapi('DeliveryList');

export const deliveryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a nextCursor from an earlier page')
    .optional(),
});
