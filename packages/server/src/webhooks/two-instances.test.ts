import { afterEach, expect, it } from 'vitest';
import { createSender } from '../outbound/index.js';
import { describeWithServices, probePostgres } from '../test-support/services.js';
import { startPostgresInstances } from '../test-support/postgres-instances.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './dispatcher.js';

const CHANGES = 30;
const TOKEN = 'two-instances-admin-token-0123456789';

describeWithServices([await probePostgres()], 'webhooks on two instances over one PostgreSQL', () => {
  let close: (() => Promise<void>) | undefined;
  let receiver: WebhookReceiver | undefined;
  const dispatchers: WebhookDispatcher[] = [];
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.stop()));
    await close?.();
    await receiver?.close();
  });

  it('sends each event once, whichever instance made the change, while both poll', async () => {
    receiver = await startWebhookReceiver();
    const started = await startPostgresInstances(2, { adminToken: TOKEN, app: { webhookAllowPrivateNetworks: true } });
    close = started.close;
    const send = createSender({ timeoutMs: 2_000, maxResponseBytes: 4_096, allowPrivateNetworks: true });
    for (const { deps } of started.instances) {
      const dispatcher = createWebhookDispatcher(deps, { send, timeoutMs: 2_000, version: '0' });
      dispatcher.start(20);
      dispatchers.push(dispatcher);
    }
    const clients = started.instances.map((instance) => instance.admin);
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
