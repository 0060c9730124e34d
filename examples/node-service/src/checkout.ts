import { createServer, type Server } from 'node:http';
import type { RampartClient } from '@rampart/sdk-node';

/**
 * The application: `GET /checkout?user=<id>` answers which checkout that user gets. The new
 * code path ships dark behind `new-checkout`; the flag decides per user, locally, on every
 * request.
 */
export function createCheckoutServer(flags: RampartClient): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/checkout') {
      response.writeHead(404).end();
      return;
    }
    const userId = url.searchParams.get('user') ?? '';
    const path = flags.isEnabled('new-checkout', { userId }) ? 'new' : 'old';
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ checkout: path }));
  });
}
