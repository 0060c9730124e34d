import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.js';
import { bootstrap } from '../bootstrap.js';
import { createMemoryHub, type MemoryHub } from '../bus/memory-bus.js';
import { createDelivery, type Delivery, type DeliveryOptions } from '../delivery/delivery.js';
import { createSilentLogger } from '../base/logger.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { createClient, createTestClock, type TestClient } from './test-app.js';
import { nodeFetch } from '../node.js';

export interface LiveServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  store: Store;
  delivery: Delivery;
  adminKey: string;
  /** In-process requests with the admin key: writes reach the streams through the bus as usual. */
  admin: TestClient;
  /** Creates a key and returns its id and secret. */
  createKey(kind: 'admin' | 'server' | 'client', environment?: string): Promise<{ id: string; secret: string }>;
  close(): Promise<void>;
}

export interface LiveServerOptions {
  delivery?: Omit<DeliveryOptions, 'store' | 'bus' | 'logger'>;
  /** Another instance's store; its admin key must come with it. */
  shared?: { store: Store; hub: MemoryHub; adminKey: string };
  /** A wrapper around the store this server uses (the first instance creates it). */
  wrapStore?: (store: Store) => Store;
  maxBodyBytes?: number;
}

/**
 * The app served over real HTTP on an ephemeral loopback port, with its own delivery, for
 * tests of streams as clients see them.
 *
 * @example
 * const server = await startLiveServer({ delivery: { heartbeatMs: 20 } });
 * const response = await fetch(`${server.url}/health/live`);
 */
export async function startLiveServer(options: LiveServerOptions = {}): Promise<LiveServer & { hub: MemoryHub }> {
  const base = options.shared?.store ?? createSqliteStore({ filename: ':memory:' });
  const store = options.wrapStore?.(base) ?? base;
  const hub = options.shared?.hub ?? createMemoryHub();
  const bus = hub.connect();
  const logger = createSilentLogger();
  const clock = createTestClock();
  const delivery = createDelivery({ store, bus, logger, ...options.delivery });
  const app = createApp({
    store,
    bus,
    clock,
    logger,
    delivery,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
  let adminKey = options.shared?.adminKey;
  if (adminKey === undefined) {
    const outcome = await bootstrap({ store, bus, clock, logger, random: (bytes) => crypto.getRandomValues(bytes) });
    if (outcome.adminKey.source !== 'generated') throw new Error('expected a generated admin key');
    adminKey = outcome.adminKey.secret;
  }
  const admin = createClient(app, adminKey);
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: nodeFetch(app), port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    hub,
    delivery,
    adminKey,
    admin,
    async createKey(kind, environment) {
      const response = await admin.post('/api/v1/keys', {
        kind,
        name: `${kind}-key`,
        ...(environment === undefined ? {} : { environment }),
      });
      if (response.status !== 201) throw new Error(`could not create a key: ${JSON.stringify(response.body)}`);
      return { id: String(response.json.id), secret: String(response.json.secret) };
    },
    async close() {
      delivery.shutdown();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await bus.close();
      if (options.shared === undefined) await base.close();
    },
  };
}
