import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SseHandler = (request: IncomingMessage, response: ServerResponse, index: number) => void;

/** A loopback HTTP server that answers the n-th request with `handlers[n]` (the last one repeats). */
export async function startSseServer(handlers: SseHandler[]) {
  const requests: IncomingMessage[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const index = requests.push(request) - 1;
    open.add(response);
    response.on('close', () => open.delete(response));
    const handler = handlers[Math.min(index, handlers.length - 1)];
    handler?.(request, response, index);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/stream`,
    requests,
    async close() {
      for (const response of open) response.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

export function sseHeaders(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  response.flushHeaders();
}
