import type { RunningServer } from './server.js';

export interface ApiAnswer {
  status: number;
  json: unknown;
}

export type AdminApi = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiAnswer>;

/**
 * Calls the server's admin API as its first admin key, to set up and check what the CLI does.
 *
 * @example
 * const api = adminApi(server);
 * await api('POST', '/api/v1/flags', { key: 'new-checkout' });
 */
export function adminApi(server: RunningServer): AdminApi {
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${server.adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
  };
}
