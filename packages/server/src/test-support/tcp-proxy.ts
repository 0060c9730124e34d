import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * What the proxy does with connections:
 * - `pass`: forwards both ways;
 * - `refuse`: stops listening, so a new connection is refused (ECONNREFUSED), and closes the open ones;
 * - `reset`: resets every open connection and each new one as it comes (ECONNRESET);
 * - `stall`: keeps every connection open and forwards nothing either way, as a paused machine
 *   or a partition that sends no reset does; what was held is forwarded, in order, on `pass`.
 */
export type ProxyMode = 'pass' | 'refuse' | 'reset' | 'stall';

export interface TcpProxy {
  /** The port to connect to instead of the target's. */
  readonly port: number;
  readonly mode: ProxyMode;
  set(mode: ProxyMode): Promise<void>;
  /**
   * Stalls, like `set('stall')`, right after forwarding the first chunk a client sends that
   * contains `text`: for example a statement inside a transaction. Resolves when that happened.
   */
  stallAfter(text: string): Promise<void>;
  /** Resets every connection and keeps resetting new ones: `set('reset')`. */
  cut(): void;
  /** Forwards again: `set('pass')`. */
  restore(): void;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket;
  /** Chunks held while stalled, per direction. */
  held: { toUpstream: Buffer[]; toClient: Buffer[] };
}

/**
 * A TCP proxy on an ephemeral port of 127.0.0.1 that forwards to `target`, for injecting a
 * fault between one client and a service while the service and its other clients go on.
 *
 * @example
 * const proxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
 * const bus = await createRedisBus({ url: `redis://127.0.0.1:${proxy.port}` });
 * await proxy.set('stall'); // this bus alone stops hearing from Redis, without a reset
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const links = new Set<Link>();
  let mode: ProxyMode = 'pass';
  let trigger: { text: string; fired: () => void } | undefined;

  const forward = (link: Link, chunk: Buffer, toUpstream: boolean) => {
    if (mode === 'stall') {
      (toUpstream ? link.held.toUpstream : link.held.toClient).push(chunk);
      return;
    }
    (toUpstream ? link.upstream : link.client).write(chunk);
    if (toUpstream && trigger !== undefined && chunk.includes(trigger.text)) {
      const { fired } = trigger;
      trigger = undefined;
      mode = 'stall';
      fired();
    }
  };

  const accept = (client: Socket) => {
    if (mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const link: Link = { client, upstream, held: { toUpstream: [], toClient: [] } };
    links.add(link);
    const end = () => {
      links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => forward(link, chunk, true));
    upstream.on('data', (chunk: Buffer) => forward(link, chunk, false));
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  };

  const listen = (server: Server, port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  let server = createServer(accept);
  await listen(server, 0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP port');
  const { port } = address;

  const set = async (next: ProxyMode): Promise<void> => {
    const previous = mode;
    mode = next;
    trigger = undefined;
    if (next === 'reset') for (const link of [...links]) link.client.resetAndDestroy();
    if (next === 'refuse' && previous !== 'refuse') {
      for (const link of [...links]) link.client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    if (next !== 'refuse' && previous === 'refuse') {
      server = createServer(accept);
      await listen(server, port);
    }
    if (next === 'pass') {
      for (const link of links) {
        for (const chunk of link.held.toUpstream.splice(0)) link.upstream.write(chunk);
        for (const chunk of link.held.toClient.splice(0)) link.client.write(chunk);
      }
    }
  };

  return {
    port,
    get mode() {
      return mode;
    },
    set,
    stallAfter: (text) =>
      new Promise<void>((resolve) => {
        trigger = { text, fired: resolve };
      }),
    cut: () => void set('reset'),
    restore: () => void set('pass'),
    close: async () => {
      for (const link of [...links]) link.client.destroy();
      if (mode !== 'refuse') await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
