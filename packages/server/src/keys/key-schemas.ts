import { z } from '@hono/zod-openapi';
import { environmentKeySchema, text, timestampSchema } from '../model/common.js';

const keyKindSchema = z.enum(['admin', 'server', 'client']);

export const createKeySchema = z
  .strictObject({
    kind: keyKindSchema,
    environment: environmentKeySchema
      .optional()
      .openapi({ description: 'required for server and client keys; not allowed for admin keys' }),
    name: text(200).min(1),
  })
  .openapi('CreateKey');

export const keySchema = z
  .object({
    id: z.string(),
    kind: keyKindSchema,
    environment: z.string().nullable(),
    name: z.string(),
    createdAt: timestampSchema,
    revokedAt: timestampSchema.nullable(),
  })
  .openapi('Key');

export const createdKeySchema = keySchema
  .extend({ secret: z.string().openapi({ description: 'shown in this response only' }) })
  .openapi('CreatedKey');

export const keyListSchema = z.object({ keys: z.array(keySchema) }).openapi('KeyList');
