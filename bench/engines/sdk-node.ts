import { createServer } from 'node:http';
import { createClient } from '@rampart/sdk-node';
import { bindEngine, type CreateEngine } from './engine';
import { rampartSnapshot } from './rampart';

/**
 * The Node SDK's `isEnabled`, answering from the same snapshot as the Rampart engine, so the
 * difference between the two is the client's own cost per call. The client starts with no
 * flags and adopts the snapshot from its stream, as it does from a Rampart server: a local
 * stand-in that sends the snapshot as the stream's first event and then nothing, so the
 * client is measured in the state it spends its life in (after an update), with no timers
 * or traffic of its own during timing.
 */
export const createSdkNodeEngine: CreateEngine = async (contexts) => {
  const event = `event: snapshot\ndata: ${JSON.stringify(rampartSnapshot())}\n\n`;
  const server = createServer((request, response) => {
    if (request.url !== '/api/v1/sdk/stream') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(event);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the stand-in server has no TCP port');
  const { port } = address;
  const flags = createClient({ url: `http://127.0.0.1:${port}`, sdkKey: 'rps_bench', timeoutMs: 5_000 });
  if ((await flags.ready()) !== 'ready') throw new Error('the SDK did not receive the snapshot');
  return bindEngine(
    contexts,
    (flagKey, context) => flags.isEnabled(flagKey, context),
    () => {
      void flags.close();
      server.closeAllConnections();
      server.close();
    },
  );
};
