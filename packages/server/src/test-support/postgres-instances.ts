import { createApp } from '../app.js';
import type { Clock } from '../base/clock.js';
import { systemClock } from '../base/clock.js';
import { createSilentLogger } from '../base/logger.js';
import { cryptoRandom } from '../base/random.js';
import { bootstrap } from '../bootstrap.js';
import { createMemoryBus } from '../bus/memory-bus.js';
import type { WriteDeps } from '../change/write-deps.js';
import type { AppDeps } from '../deps.js';
import { createDelivery } from '../delivery/index.js';
import { createPostgresStore } from '../store/postgres/postgres-store.js';
import { createTestDatabase } from './services.js';
import { createClient, type TestClient } from './test-app.js';

export interface Instance {
  deps: WriteDeps;
  app: ReturnType<typeof createApp>;
  /** A client that sends the admin token. */
  admin: TestClient;
}

/**
 * `count` server instances, each with its own store and bus, over one new PostgreSQL database,
 * bootstrapped with `adminToken`; `close()` stops them and drops the database.
 *
 * @example
 * const { instances, close } = await startPostgresInstances(2, { adminToken });
 */
export async function startPostgresInstances(
  count: number,
  options: { adminToken: string; clock?: Clock; app?: Partial<AppDeps> },
): Promise<{ instances: Instance[]; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const instances: Instance[] = [];
  const closers: (() => Promise<void>)[] = [];
  for (let i = 0; i < count; i++) {
    const store = await createPostgresStore({ connectionString: database.url });
    const bus = createMemoryBus();
    const deps = {
      store,
      bus,
      clock: options.clock ?? systemClock,
      logger: createSilentLogger(),
      random: cryptoRandom,
    };
    const delivery = createDelivery({ store, bus, logger: deps.logger });
    closers.push(async () => {
      delivery.shutdown();
      await store.close();
    });
    const app = createApp({ ...deps, delivery, ...options.app });
    await bootstrap(deps, { adminToken: options.adminToken });
    instances.push({ deps, app, admin: createClient(app, options.adminToken) });
  }
  return {
    instances,
    close: async () => {
      await Promise.all(closers.map((close) => close()));
      await database.drop();
    },
  };
}
