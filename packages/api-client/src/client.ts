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
    fetch: (request) => {
      const streaming = request.headers.get('accept') === 'text/event-stream';
      if (streaming) return send(request);
      return send(new Request(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) }));
    },
  });
}
