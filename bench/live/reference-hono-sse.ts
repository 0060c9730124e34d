/** Reference point: a minimal SSE server with Hono's `streamSSE` on `@hono/node-server` (snapshot on connect, a heartbeat every 15 s). */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { HEARTBEAT_MS, SNAPSHOT_EVENT } from './reference-sse-body';

const [, id = '', data = ''] = /id: (\d+)\ndata: (.*)\n/.exec(SNAPSHOT_EVENT) ?? [];
const app = new Hono();

app.get('/stream', (c) =>
  streamSSE(c, async (stream) => {
    await stream.writeSSE({ event: 'snapshot', id, data });
    while (!stream.aborted) {
      await stream.sleep(HEARTBEAT_MS);
      if (!stream.aborted) await stream.write(': heartbeat\n\n');
    }
  }),
);

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
  console.log(`listening on http://127.0.0.1:${info.port}`),
);
process.on('SIGTERM', () => process.exit(0));
