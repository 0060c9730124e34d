import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import { eventStreamResponse, streamResponse } from '../delivery/index.js';
import { errorResponses, headerParameter } from '../http/openapi-responses.js';
import { auditStreamQuerySchema, ENTRY_ID } from './audit-schemas.js';
import type { AuditStreams } from './audit-streams.js';

const streamAudit = createRoute({
  method: 'get',
  path: '/audit/stream',
  operationId: 'streamAuditEntries',
  tags: ['audit'],
  summary: 'The audit log, live: Server-Sent Events of each new entry, in id order',
  description:
    'Filters as `GET /audit`. With `Last-Event-ID` (or `after`), first the entries after that id that the stream missed, ' +
    'oldest first (at most 500; past that, `reset`); without, from now. The server ends the stream when its ' +
    'credential stops being valid (checked every 30 s).',
  request: { query: auditStreamQuerySchema },
  parameters: [headerParameter('last-event-id', 'the id of the last entry received, to resume after it')],
  responses: {
    200: eventStreamResponse(
      '`event: ready`, `data: {"after": <id or null>}` when the stream opens, `after` being the newest entry then ' +
        '(`null` for an empty log); then `event: audit`, `id: <entry id>`, `data:` an `AuditEntry` (as `GET /audit` ' +
        'shows it) for each entry, in id order, each once; `event: reset`, `id: <id>`, `data: {}` when more entries ' +
        'were missed than are sent again (read `GET /audit` again; the stream goes on after `<id>`); a comment line ' +
        'every 15 s as a heartbeat; `retry:` before the server closes the stream at shutdown.',
    ),
    ...errorResponses(400),
  },
});

/**
 * `GET /audit/stream`: the audit log as Server-Sent Events, for whoever may read `GET /audit`.
 *
 * @example
 * registerAuditStreamRoute(router, createAuditStreams({ tail, store, delivery, logger }));
 */
export function registerAuditStreamRoute(router: OpenAPIHono<AppEnv>, streams: AuditStreams): void {
  router.openapi(streamAudit, async (c) => {
    const { flag, environment, after } = c.req.valid('query');
    const lastEventId = c.req.header('last-event-id')?.trim();
    const request = {
      keyId: c.var.principal.keyId,
      flag,
      environment,
      after: lastEventId !== undefined && ENTRY_ID.test(lastEventId) ? lastEventId : after,
      // Set on every admin route; without it, the first check ends the stream rather than trust it.
      stillAdmitted: c.var.stillAdmitted ?? (() => Promise.resolve(false)),
    };
    const response = await streamResponse(c, async (open) => {
      await streams.open(request, open);
      return true;
    });
    if (response === undefined) throw new RampartError('internal', 'the audit stream was not served');
    return response;
  });
}
