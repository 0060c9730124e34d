import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../base/clock.js';
import { createSilentLogger } from '../base/logger.js';
import { cryptoRandom } from '../base/random.js';
import { createMetricsRegistry } from '../metrics/registry.js';
import { createSender } from '../outbound/index.js';
import { createManualClock, createTestApp, type TestApp } from '../test-support/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './dispatcher.js';

const KILL = '/api/v1/flags/checkout/environments/production/kill';

/** The app, a local receiver subscribed to every event, and a dispatcher with the real sender. */
async function setUp(clock: Clock, format: 'standard' | 'slack' = 'standard') {
  const t = await createTestApp({ clock, webhookAllowPrivateNetworks: true });
  const receiver = await startWebhookReceiver();
  const created = await t.post('/api/v1/webhooks', { url: receiver.url, format });
  expect(created.status).toBe(201);
  const send = createSender({ timeoutMs: 2_000, maxResponseBytes: 4_096, allowPrivateNetworks: true });
  const deps = { store: t.store, bus: t.bus, clock, logger: createSilentLogger(), random: cryptoRandom };
  const dispatcher = createWebhookDispatcher(deps, { send, timeoutMs: 2_000, version: '9.9.9' });
  // The webhook's own creation is its first event; the flag's creation and its revival (a new
  // flag is off) the next two.
  expect((await t.post('/api/v1/flags', { key: 'checkout' })).status).toBe(201);
  expect((await t.post('/api/v1/flags/checkout/environments/production/revive')).status).toBe(200);
  return { t, receiver, dispatcher, secret: String(created.json.secret), id: String(created.json.id) };
}

describe('webhook delivery to a local receiver', () => {
  let t: TestApp | undefined;
  let receiver: WebhookReceiver | undefined;
  let dispatcher: WebhookDispatcher | undefined;
  afterEach(async () => {
    await dispatcher?.stop();
    await receiver?.close();
    await t?.close();
  });

  it('delivers a kill within 2 s, signed so that the standardwebhooks library verifies it', async () => {
    const set = await setUp(systemClock);
    ({ t, receiver, dispatcher } = set);
    dispatcher.start();
    await receiver.waitFor(3);
    const killedAt = performance.now();
    expect((await t.post(KILL, { reason: 'errors spiking' })).status).toBe(200);
    const [, , , kill] = await receiver.waitFor(4, 2_000);
    expect(kill).toBeDefined();
    if (kill === undefined) return;
    expect(kill.at - killedAt).toBeLessThan(2_000);
    const headers = Object.fromEntries(
      ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(kill.headers[name])]),
    );
    const event = new Webhook(set.secret).verify(kill.body, headers);
    expect(event).toMatchObject({
      type: 'config.killed',
      data: {
        actor: 'admin',
        action: 'config.killed',
        target: 'checkout',
        environment: 'production',
        reason: 'errors spiking',
        after: { enabled: false },
      },
    });
    expect(kill.headers['content-type']).toBe('application/json');
    expect(kill.headers['user-agent']).toBe('Rampart/9.9.9');
    expect(headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    // Another secret does not verify it.
    expect(() => new Webhook(`whsec_${btoa('x'.repeat(32))}`).verify(kill.body, headers)).toThrow();
  });

  it('retries a receiver that answers 500, on the schedule, with the same webhook-id', async () => {
    const clock = createManualClock();
    const set = await setUp(clock);
    ({ t, receiver, dispatcher } = set);
    await dispatcher.tick(); // webhook.created and flag.created, delivered
    receiver.answers.push(500);
    await t.post(KILL);
    expect(await dispatcher.tick()).toBe(1);
    const page = await t.get(`/api/v1/webhooks/${set.id}/deliveries?limit=1`);
    const [failed] = page.json.deliveries as {
      status: string;
      attempts: { status: number }[];
      nextAttemptAt: string;
    }[];
    expect(failed).toMatchObject({ status: 'pending', attempts: [{ status: 500, error: 'HTTP 500' }] });
    const wait = Date.parse(failed?.nextAttemptAt ?? '') - clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(4_000);
    expect(wait).toBeLessThanOrEqual(6_000);
    expect(await dispatcher.tick()).toBe(0); // not due yet
    clock.advance(6);
    expect(await dispatcher.tick()).toBe(1);
    const requests = await receiver.waitFor(5);
    expect(requests[4]?.headers['webhook-id']).toBe(requests[3]?.headers['webhook-id']);
    const after = await t.get(`/api/v1/webhooks/${set.id}/deliveries?limit=1`);
    expect(after.json.deliveries).toMatchObject([
      { status: 'delivered', attempts: [{ status: 500 }, { status: 200 }] },
    ]);
  });

  it('answers the admin API at once while the receiver holds a request open', async () => {
    const set = await setUp(systemClock);
    ({ t, receiver, dispatcher } = set);
    receiver.answers.push('hang', 'hang', 'hang');
    dispatcher.start(20);
    await receiver.waitFor(1);
    for (const action of ['kill', 'revive', 'kill']) {
      const started = performance.now();
      const answer = await t.post(`/api/v1/flags/checkout/environments/production/${action}`);
      expect(answer.status).toBe(200);
      // The receiver holds every request open for good: an answer that waited for it would never come.
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it('posts a readable message in the slack format, still signed', async () => {
    const set = await setUp(systemClock, 'slack');
    ({ t, receiver, dispatcher } = set);
    await t.post(KILL, { reason: 'p99 <2s> & rising' });
    await dispatcher.tick();
    const requests = await receiver.waitFor(4);
    expect(requests.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { text: expect.stringMatching(/^:gear: webhook\.created on webhook \*[a-z2-7]{16}\* by admin$/) as unknown },
      { text: ':gear: flag.created on flag *checkout* by admin' },
      { text: ':large_green_circle: *checkout* was revived in *production* by admin' },
      { text: ':red_circle: *checkout* was killed in *production* by admin: "p99 &lt;2s&gt; &amp; rising"' },
    ]);
    const last = requests[3];
    const headers = Object.fromEntries(
      ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(last?.headers[name])]),
    );
    expect(new Webhook(set.secret).verify(last?.body ?? '', headers)).toEqual(JSON.parse(last?.body ?? 'null'));
  });
});

describe('webhook delivery when the receiver keeps failing', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('tries ten times over about 16 hours, then disables the webhook and says why', async () => {
    const clock = createManualClock();
    t = await createTestApp({ clock, webhookAllowPrivateNetworks: true });
    const created = await t.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/down', events: ['flag.created'] });
    const id = String(created.json.id);
    let sent = 0;
    const send = () => {
      sent++;
      return Promise.resolve({ ok: false as const, error: 'connection refused', durationMs: 3 });
    };
    const deps = { store: t.store, bus: t.bus, clock, logger: createSilentLogger(), random: cryptoRandom };
    const metrics = createMetricsRegistry();
    const dispatcher = createWebhookDispatcher(deps, { send, timeoutMs: 1_000, version: '0', metrics });
    await t.post('/api/v1/flags', { key: 'a' });
    for (let i = 0; i < 12; i++) {
      await dispatcher.tick();
      const [pending] = await t.store.listDeliveries({ webhookId: id, limit: 1 });
      if (pending?.nextAttemptAt === null || pending === undefined) break;
      clock.advance((Date.parse(pending.nextAttemptAt) - clock.now().getTime()) / 1000);
    }
    expect(sent).toBe(10);
    const webhook = await t.get(`/api/v1/webhooks/${id}`);
    expect(webhook.json).toMatchObject({ enabled: false });
    expect(String(webhook.json.disabledReason)).toMatch(
      /^10 attempts to deliver msg_\S+ \(flag\.created\) failed between \S+ and \S+; the last: connection refused$/,
    );
    const [delivery] = (await t.get(`/api/v1/webhooks/${id}/deliveries`)).json.deliveries as {
      status: string;
      attempts: { at: string }[];
    }[];
    expect(delivery?.status).toBe('failed');
    const span = Date.parse(delivery?.attempts[9]?.at ?? '') - Date.parse(delivery?.attempts[0]?.at ?? '');
    // 15.6 hours of waits, each spread by ±20 %.
    expect(span).toBeGreaterThan(12 * 3600_000);
    expect(span).toBeLessThan(19 * 3600_000);
    const audit = await t.get('/api/v1/audit?limit=1');
    expect(audit.json.entries).toMatchObject([{ actor: 'webhooks', action: 'webhook.updated', target: id }]);

    // Disabled: new changes queue nothing for it, and a redelivery is refused until it is enabled.
    await t.post('/api/v1/flags', { key: 'b' });
    expect(((await t.get(`/api/v1/webhooks/${id}/deliveries`)).json.deliveries as unknown[]).length).toBe(1);
    const deliveryId = String((delivery as unknown as { id: string }).id);
    const refused = await t.post(`/api/v1/webhooks/${id}/deliveries/${deliveryId}/redeliver`);
    expect(refused.status).toBe(409);
    expect((await t.patch(`/api/v1/webhooks/${id}`, { enabled: true })).json).toMatchObject({
      enabled: true,
      disabledReason: null,
    });
    const again = await t.post(`/api/v1/webhooks/${id}/deliveries/${deliveryId}/redeliver`);
    expect(again.json).toMatchObject({ status: 'pending', attempts: { length: 10 } });
    await dispatcher.tick();
    expect(sent).toBe(11);
    const exposition = metrics.render();
    expect(exposition).toContain('rampart_webhook_attempts_total{outcome="failed"} 11\n');
    expect(exposition).toContain('rampart_webhooks_disabled_total 1\n');
    expect(exposition).toContain('rampart_webhook_requests_in_flight 0\n');
    // A redelivery has a whole schedule before it: a failure is retried, not final.
    expect((await t.get(`/api/v1/webhooks/${id}`)).json).toMatchObject({ enabled: true });
  });
});
