import { afterEach, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { systemClock } from '../base/clock.js';
import { createSilentLogger } from '../base/logger.js';
import { cryptoRandom } from '../base/random.js';
import { bootstrap } from '../bootstrap.js';
import { createMemoryBus } from '../bus/memory-bus.js';
import { createDelivery, type Delivery } from '../delivery/index.js';
import { createSender } from '../outbound/index.js';
import { createPostgresStore } from '../store/postgres/postgres-store.js';
import type { Store } from '../store/store.js';
import {
  createTestDatabase,
  describeWithServices,
  probePostgres,
  type TestDatabase,
} from '../test-support/services.js';
import { createClient } from '../test-support/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './dispatcher.js';

const CHANGES = 30;
const TOKEN = 'two-instances-admin-token-0123456789';

describeWithServices([await probePostgres()], 'webhooks on two instances over one PostgreSQL', () => {
  let database: TestDatabase | undefined;
  let receiver: WebhookReceiver | undefined;
  const stores: Store[] = [];
  const deliveries: Delivery[] = [];
  const dispatchers: WebhookDispatcher[] = [];
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.stop()));
    for (const delivery of deliveries.splice(0)) delivery.shutdown();
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await receiver?.close();
    await database?.drop();
  });

  it('sends each event once, whichever instance made the change, while both poll', async () => {
    database = await createTestDatabase();
    const url = database.url;
    receiver = await startWebhookReceiver();
    stores.push(...(await Promise.all([1, 2].map(() => createPostgresStore({ connectionString: url })))));
    const send = createSender({ timeoutMs: 2_000, maxResponseBytes: 4_096, allowPrivateNetworks: true });
    const clients = [];
    for (const store of stores) {
      const deps = {
        store,
        bus: createMemoryBus(),
        clock: systemClock,
        logger: createSilentLogger(),
        random: cryptoRandom,
      };
      const delivery = createDelivery({ store, bus: deps.bus, logger: deps.logger });
      deliveries.push(delivery);
      const app = createApp({ ...deps, delivery, webhookAllowPrivateNetworks: true });
      await bootstrap(deps, { adminToken: TOKEN });
      clients.push(createClient(app, TOKEN));
      const dispatcher = createWebhookDispatcher(deps, { send, timeoutMs: 2_000, version: '0' });
      dispatcher.start(20);
      dispatchers.push(dispatcher);
    }
    const [a, b] = clients;
    if (a === undefined || b === undefined) throw new Error('two instances expected');
    expect((await a.post('/api/v1/webhooks', { url: receiver.url, events: ['flag.created'] })).status).toBe(201);
    const created = await Promise.all(
      Array.from({ length: CHANGES }, (_, i) => (i % 2 === 0 ? a : b).post('/api/v1/flags', { key: `f${i}` })),
    );
    expect(created.map((response) => response.status)).toEqual(Array.from({ length: CHANGES }, () => 201));
    const received = await receiver.waitFor(CHANGES, 10_000);
    // Give a duplicate time to arrive, then count.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.length).toBe(CHANGES);
    const ids = new Set(received.map((request) => request.headers['webhook-id']));
    expect(ids.size).toBe(CHANGES);
    const keys = received.map((request) => (JSON.parse(request.body) as { data: { target: string } }).data.target);
    expect(new Set(keys)).toEqual(new Set(Array.from({ length: CHANGES }, (_, i) => `f${i}`)));
  });
});
