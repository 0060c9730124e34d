import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../base/logger.js';
import { cryptoRandom } from '../base/random.js';
import type { OutboundRequest, OutboundResult } from '../outbound/index.js';
import { createManualClock, createTestApp, type ManualClock, type TestApp } from '../test-support/test-app.js';
import { createWebhookDispatcher } from './dispatcher.js';

const OK: OutboundResult = { ok: true, status: 200, durationMs: 1 };

/** A sender that answers 200 and keeps what it sent. */
function recordingSender() {
  const sent: OutboundRequest[] = [];
  const send = (request: OutboundRequest) => {
    sent.push(request);
    return Promise.resolve(OK);
  };
  return { sent, send };
}

describe('the webhook dispatcher', () => {
  let t: TestApp;
  let clock: ManualClock;
  let webhookId: string;
  beforeEach(async () => {
    clock = createManualClock();
    t = await createTestApp({ clock });
    webhookId = String(
      (await t.post('/api/v1/webhooks', { url: 'https://hooks.example.com/x', events: ['flag.created'] })).json.id,
    );
  });
  afterEach(() => t.close());

  const deps = () => ({ store: t.store, bus: t.bus, clock, logger: createSilentLogger(), random: cryptoRandom });
  const ids = (requests: readonly OutboundRequest[]) => requests.map((request) => request.headers['webhook-id']);

  it('sends each delivery once when two instances poll at the same time', async () => {
    for (let i = 0; i < 40; i++) await t.post('/api/v1/flags', { key: `f${i}` });
    const senders = [recordingSender(), recordingSender()];
    const sent = senders.map((sender) => sender.sent);
    const dispatchers = senders.map(({ send }) =>
      createWebhookDispatcher(deps(), { send, timeoutMs: 1_000, version: '0', batchSize: 7 }),
    );
    for (let round = 0; round < 10; round++) await Promise.all(dispatchers.map((dispatcher) => dispatcher.tick()));
    const all = [...ids(sent[0] ?? []), ...ids(sent[1] ?? [])];
    expect(all.length).toBe(40);
    expect(new Set(all).size).toBe(40);
    expect(sent[0]?.length).toBeGreaterThan(0);
    expect(sent[1]?.length).toBeGreaterThan(0);
    const deliveries = await t.store.listDeliveries({ webhookId, limit: 100 });
    expect(deliveries.every((delivery) => delivery.status === 'delivered')).toBe(true);
  });

  it('keeps sending to other webhooks while one receiver holds its requests, at most a few at once', async () => {
    const fast = String(
      (await t.post('/api/v1/webhooks', { url: 'https://fast.example.com/y', events: ['flag.created'] })).json.id,
    );
    const held: ((result: OutboundResult) => void)[] = [];
    let holding = true;
    const fastSent: string[] = [];
    const dispatcher = createWebhookDispatcher(deps(), {
      send: (request) => {
        if (!request.url.startsWith('https://fast.'))
          return holding ? new Promise((resolve) => held.push(resolve)) : Promise.resolve(OK);
        fastSent.push(request.headers['webhook-id'] ?? '');
        return Promise.resolve(OK);
      },
      timeoutMs: 1_000,
      version: '0',
      perWebhook: 2,
    });
    for (let i = 0; i < 6; i++) await t.post('/api/v1/flags', { key: `f${i}` });
    dispatcher.start(5);
    await expect.poll(() => fastSent.length).toBe(6);
    expect(held.length).toBe(2);
    const pending = await t.store.listDeliveries({ webhookId, limit: 10 });
    expect(pending.filter((delivery) => delivery.leaseUntil !== null).length).toBe(2);
    holding = false;
    for (const release of held) release(OK);
    await expect
      .poll(
        async () =>
          (await t.store.listDeliveries({ webhookId, limit: 10 })).filter((d) => d.status === 'delivered').length,
      )
      .toBe(6);
    await dispatcher.stop();
    expect((await t.store.listDeliveries({ webhookId: fast, limit: 10 })).every((d) => d.status === 'delivered')).toBe(
      true,
    );
  });

  it('sends again a delivery whose instance stopped answering, once its claim has run out', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    let release: (result: OutboundResult) => void = () => undefined;
    const stuck = createWebhookDispatcher(deps(), {
      send: () => new Promise((resolve) => (release = resolve)),
      timeoutMs: 1_000,
      version: '0',
    });
    const { sent, send } = recordingSender();
    const healthy = createWebhookDispatcher(deps(), { send, timeoutMs: 1_000, version: '0' });
    const stuckTick = stuck.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await healthy.tick()).toBe(0); // claimed by the other
    clock.advance(6); // the claim lasts 2 × 1 s + 5 s
    expect(await healthy.tick()).toBe(0);
    clock.advance(2);
    expect(await healthy.tick()).toBe(1);
    expect(sent.length).toBe(1);
    // The first instance's late answer is not recorded over the second's.
    release({ ok: false, error: 'HTTP 500', status: 500, durationMs: 9_000 });
    await stuckTick;
    const [delivery] = await t.store.listDeliveries({ webhookId, limit: 1 });
    expect(delivery).toMatchObject({ status: 'delivered', attempts: [{ status: 200 }], leaseUntil: null });
  });

  it('does not send for a webhook disabled after its delivery was queued, and sends once it is enabled', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    await t.patch(`/api/v1/webhooks/${webhookId}`, { enabled: false });
    const { sent, send } = recordingSender();
    const dispatcher = createWebhookDispatcher(deps(), { send, timeoutMs: 1_000, version: '0' });
    expect(await dispatcher.tick()).toBe(0);
    await t.patch(`/api/v1/webhooks/${webhookId}`, { enabled: true });
    expect(await dispatcher.tick()).toBe(1);
    expect(JSON.parse(sent[0]?.body ?? 'null')).toMatchObject({ type: 'flag.created', data: { target: 'a' } });
  });

  it('deletes delivered deliveries after 30 days, and keeps pending ones', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    await t.patch(`/api/v1/webhooks/${webhookId}`, { enabled: false });
    await t.post('/api/v1/flags', { key: 'b' }); // queued for no one: the webhook is disabled
    await t.patch(`/api/v1/webhooks/${webhookId}`, { enabled: true });
    const { send } = recordingSender();
    const dispatcher = createWebhookDispatcher(deps(), { send, timeoutMs: 1_000, version: '0' });
    await dispatcher.tick();
    await t.post('/api/v1/flags', { key: 'c' });
    clock.advance(30 * 86_400 + 1);
    dispatcher.start(5);
    await expect
      .poll(async () => (await t.store.listDeliveries({ webhookId, limit: 10 })).map((d) => d.status))
      .toEqual(['delivered']);
    await dispatcher.stop();
  });

  it('keeps sending after a failure to record an attempt, and says so', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    const warnings: string[] = [];
    const logger = { ...createSilentLogger(), warn: (_: object, message: string) => void warnings.push(message) };
    const store = t.store;
    let failOnce = true;
    const flaky = {
      ...store,
      transaction: <T>(work: Parameters<typeof store.transaction<T>>[0]) => {
        // The claim is the first transaction, the record the second.
        if (!failOnce) return store.transaction(work);
        return store.transaction(async (tx) => {
          const result = await work(tx);
          if (Array.isArray(result)) return result;
          failOnce = false;
          throw new Error('the database went away');
        });
      },
    };
    const { sent, send } = recordingSender();
    const dispatcher = createWebhookDispatcher(
      { ...deps(), store: flaky, logger },
      { send, timeoutMs: 1_000, version: '0' },
    );
    await dispatcher.tick();
    expect(warnings).toContain('could not record a webhook delivery; it will be sent again');
    clock.advance(8);
    await dispatcher.tick();
    expect(ids(sent)).toEqual([sent[0]?.headers['webhook-id'], sent[0]?.headers['webhook-id']]);
  });
});
