/** Reference point: a minimal SSE server on plain `node:http` (snapshot on connect, a heartbeat every 15 s). */
import { createServer, type ServerResponse } from 'node:http';
import { HEARTBEAT_MS, SNAPSHOT_EVENT } from './reference-sse-body';

const streams = new Set<ServerResponse>();

const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  response.write(SNAPSHOT_EVENT);
  streams.add(response);
  request.on('close', () => streams.delete(response));
});

setInterval(() => {
  for (const response of streams) response.write(': heartbeat\n\n');
}, HEARTBEAT_MS).unref();

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
