import { z } from '@hono/zod-openapi';
import { resourceKeySchema, text } from '../model/common.js';
import { conditionSchema as conditionInputSchema } from '../model/flag-config-input.js';
import { segmentSchema } from '../model/model-output.js';

const segmentFields = {
  name: text(200).optional(),
  description: text(2_000).optional(),
  conditions: z.array(conditionInputSchema).max(1_000),
};

export const createSegmentSchema = z
  .strictObject({ key: resourceKeySchema, ...segmentFields })
  .openapi('CreateSegment');

/** `PUT /segments/{key}`: the key comes from the path; read-only fields of a fetched segment are ignored. */
export const replaceSegmentSchema = z
  .strictObject({
    ...segmentFields,
    key: z.string().optional().openapi({ description: 'read-only; ignored' }),
    createdAt: z.string().optional().openapi({ description: 'read-only; ignored' }),
    updatedAt: z.string().optional().openapi({ description: 'read-only; ignored' }),
  })
  .openapi('ReplaceSegment');

export const segmentListSchema = z.object({ segments: z.array(segmentSchema) }).openapi('SegmentList');
