import { z } from '@hono/zod-openapi';
import { environmentKeySchema, text, timestampSchema } from '../model/common.js';

export const environmentSchema = z
  .object({ key: z.string(), name: z.string(), version: z.number().int(), createdAt: timestampSchema })
  .openapi('Environment');

export const createEnvironmentSchema = z
  .strictObject({ key: environmentKeySchema, name: text(200).min(1).optional() })
  .openapi('CreateEnvironment');

export const environmentListSchema = z.object({ environments: z.array(environmentSchema) }).openapi('EnvironmentList');
