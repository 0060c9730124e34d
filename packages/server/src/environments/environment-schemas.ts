import { z } from '@hono/zod-openapi';
import { environmentKeySchema, text, timestampSchema } from '../model/common.js';
import { ROLES } from '../store/store.js';

const protectedSchema = z.boolean().openapi({
  description: 'only admins, and the roles in protectedRoles, may change configurations in a protected environment',
});
const protectedRolesSchema = z
  .array(z.enum(ROLES).exclude(['admin']))
  .max(2)
  .openapi({ description: 'roles besides admin that may change configurations here while it is protected' });

export const environmentSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    version: z.number().int(),
    createdAt: timestampSchema,
    protected: protectedSchema,
    protectedRoles: z.array(z.enum(ROLES)),
  })
  .openapi('Environment');

export const createEnvironmentSchema = z
  .strictObject({
    key: environmentKeySchema,
    name: text(200).min(1).optional(),
    protected: protectedSchema.optional(),
    protectedRoles: protectedRolesSchema.optional(),
  })
  .openapi('CreateEnvironment');

export const updateEnvironmentSchema = z
  .strictObject({ protected: protectedSchema.optional(), protectedRoles: protectedRolesSchema.optional() })
  .openapi('UpdateEnvironment');

export const environmentListSchema = z.object({ environments: z.array(environmentSchema) }).openapi('EnvironmentList');
