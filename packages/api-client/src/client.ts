import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.js';

export type RampartClient = Client<paths>;

export interface RampartClientOptions {
  /** The server, e.g. `https://flags.example.com` (a trailing slash is fine). */
  baseUrl: string;
  /** A personal access token (`rpt_…`) or an admin key (`rpa_…`), sent as a bearer token. Browsers signed in with a session leave it out. */
  token?: string | undefined;
  /** Sent as `User-Agent` where the platform allows it; the audit log records `rampart-cli/…` as `via: cli`. */
  userAgent?: string | undefined;
  /** How long one request may take, headers and body; default 30 000 ms. Streams are not limited. */
  timeoutMs?: number | undefined;
  /** Default: the platform's `fetch`. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A typed client of the admin API: paths, parameters, bodies and answers are those of the
 * server's OpenAPI document.
 *
 * @example
 * const client = createRampartClient({ baseUrl: 'http://127.0.0.1:4000', token: process.env.RAMPART_TOKEN });
 * const { flags } = await unwrap(client.GET('/api/v1/flags'));
 */
export function createRampartClient(options: RampartClientOptions): RampartClient {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.userAgent !== undefined) headers['user-agent'] = options.userAgent;
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers,
    fetch: (request) =>
      request.headers.get('accept') === 'text/event-stream' ? send(request) : withTimeout(send, request, timeoutMs),
  });
}

/**
 * Sends `request` and reads its whole body within `timeoutMs`, then answers with that body.
 * A timer and a controller held here, rather than `AbortSignal.any([…, AbortSignal.timeout()])`:
 * `any` holds its sources weakly, so a timeout signal that nothing else holds can be collected
 * before it fires, and the request would then wait for ever.
 */
async function withTimeout(
  send: (request: Request) => Promise<Response>,
  request: Request,
  timeoutMs: number,
): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), timeoutMs);
  const cancel = () => controller.abort(request.signal.reason);
  request.signal.addEventListener('abort', cancel, { once: true });
  try {
    const response = await send(new Request(request, { signal: controller.signal }));
    const body = response.status === 204 || response.status === 304 ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', cancel);
  }
}
