import { z } from '@hono/zod-openapi';
import { environmentKeySchema, jsonValueSchema, timestampSchema } from '../model/common.js';
import { AUDIT_VIA, type AuditEntry } from '../store/store.js';

/** An entry's id, as `cursor`, `after` and `Last-Event-ID` carry it. */
export const ENTRY_ID = /^\d{1,15}$/;

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: timestampSchema,
    actor: z.string().openapi({
      description:
        "who made the change: a person's email, a key's name, `release:<plan id>` for a release plan's step, " +
        '`trigger:<name>` for a trigger; what the server does on its own names the part that did it (`webhooks`)',
    }),
    via: z
      .enum(AUDIT_VIA)
      .optional()
      .openapi({
        description:
          'how: a person through the web UI (`ui`), the API with a personal access token (`api`) or the CLI (`cli`); ' +
          'an admin key (`key`), a release plan (`plan`), a trigger (`trigger`) or the server itself (`system`); ' +
          'absent on entries made before it was recorded',
      }),
    action: z.string().openapi({ example: 'config.killed' }),
    target: z.string().openapi({
      description: 'the key of the flag, segment or environment, or the id of the API key, webhook or person',
    }),
    environment: z.string().optional(),
    before: jsonValueSchema,
    after: jsonValueSchema,
    reason: z.string().optional(),
  })
  .openapi('AuditEntry');

export const auditPageSchema = z
  .object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() })
  .openapi('AuditPage');

export const auditQuerySchema = z.object({
  flag: z.string().optional(),
  environment: environmentKeySchema.optional(),
  limit: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(500))
    .optional()
    .openapi({ type: 'integer', description: '1–500, default 50' }),
  cursor: z.string().regex(ENTRY_ID, 'must be a nextCursor from a previous page').optional(),
});

export const auditStreamQuerySchema = auditQuerySchema.pick({ flag: true, environment: true }).extend({
  after: z
    .string()
    .regex(ENTRY_ID, 'must be the id of an entry')
    .optional()
    .openapi({ description: 'resume after this entry (`Last-Event-ID` wins when both are sent)' }),
});

/** An entry as the API shows it, in `GET /audit`'s pages and the stream's events alike: without `targetKind`. */
export function publicEntry({ targetKind: _targetKind, ...entry }: AuditEntry) {
  return entry;
}
