import { createParser } from 'eventsource-parser';
import { RampartApiError, unreachable } from './errors.js';
import type { components } from './schema.js';

export type AuditEntry = components['schemas']['AuditEntry'];

/** What `/api/v1/audit/stream` sends. */
export type AuditStreamEvent =
  /** The stream is open; `after` is the newest entry when it opened. */
  | { type: 'ready'; after: string | null }
  | { type: 'audit'; entry: AuditEntry }
  /** More entries were missed than the server replays: read `GET /api/v1/audit` again. */
  | { type: 'reset' };

export interface AuditStreamOptions {
  baseUrl: string;
  token?: string | undefined;
  userAgent?: string | undefined;
  flag?: string | undefined;
  environment?: string | undefined;
  /** Resume after this entry id. */
  after?: string | undefined;
  signal?: AbortSignal | undefined;
  /** How long to wait for the answer's headers; default 10 000 ms. */
  connectTimeoutMs?: number | undefined;
  fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/**
 * One connection to the live audit log: yields its events until the server ends the stream or
 * `signal` aborts (then it returns quietly). A refused or failed connection throws a
 * `RampartApiError`; reconnecting, with the last entry's id as `after`, is the caller's choice.
 *
 * @example
 * for await (const event of auditStream({ baseUrl, token, signal })) if (event.type === 'audit') show(event.entry);
 */
export async function* auditStream(options: AuditStreamOptions): AsyncGenerator<AuditStreamEvent> {
  const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/api/v1/audit/stream`);
  if (options.flag !== undefined) url.searchParams.set('flag', options.flag);
  if (options.environment !== undefined) url.searchParams.set('environment', options.environment);
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.userAgent !== undefined) headers['user-agent'] = options.userAgent;
  if (options.after !== undefined) headers['last-event-id'] = options.after;
  const connecting = AbortSignal.timeout(options.connectTimeoutMs ?? 10_000);
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  connecting.addEventListener('abort', abort, { once: true });
  try {
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(new Request(url, { headers, signal: controller.signal }));
    } catch (error) {
      if (options.signal?.aborted === true) return;
      throw unreachable(connecting.aborted ? new DOMException('timed out', 'TimeoutError') : error);
    }
    connecting.removeEventListener('abort', abort);
    if (!response.ok || response.body === null) {
      const body: unknown = await response.json().catch(() => undefined);
      throw RampartApiError.fromResponse(response.status, body);
    }
    const events: AuditStreamEvent[] = [];
    const parser = createParser({
      onEvent: ({ event, data }) => {
        if (event === 'audit') events.push({ type: 'audit', entry: JSON.parse(data) as AuditEntry });
        else if (event === 'ready')
          events.push({ type: 'ready', after: (JSON.parse(data) as { after: string | null }).after });
        else if (event === 'reset') events.push({ type: 'reset' });
      },
    });
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
        yield* events.splice(0);
      }
    } catch (error) {
      if (options.signal?.aborted === true) return;
      throw unreachable(error);
    } finally {
      reader.releaseLock();
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    connecting.removeEventListener('abort', abort);
    controller.abort();
  }
}
