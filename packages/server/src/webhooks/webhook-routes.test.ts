import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

const HOOK = 'https://hooks.example.com/rampart';

describe('webhooks API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('creates a webhook whose signing secret is shown once and never listed or audited', async () => {
    const created = await t.post('/api/v1/webhooks', {
      url: 'https://hooks.slack.com/services/T0/B0/s3cr3t-path',
      events: ['config.killed', 'release.*'],
      environments: ['production'],
      format: 'slack',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: 'https://hooks.slack.com/services/T0/B0/s3cr3t-path',
      events: ['config.killed', 'release.*'],
      environments: ['production'],
      format: 'slack',
      enabled: true,
      disabledReason: null,
    });
    const secret = String(created.json.secret);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = String(created.json.id);
    for (const path of ['/api/v1/webhooks', `/api/v1/webhooks/${id}`, '/api/v1/audit']) {
      const text = JSON.stringify((await t.get(path)).body);
      expect(text).not.toContain(secret);
    }
    // The audit entry (and so the event other webhooks get) shows the URL's origin only: Slack's path is a secret.
    const audit = await t.get('/api/v1/audit?limit=1');
    expect(audit.json.entries).toMatchObject([
      { action: 'webhook.created', target: id, after: { url: 'https://hooks.slack.com/…', format: 'slack' } },
    ]);
    expect(JSON.stringify(audit.body)).not.toContain('s3cr3t-path');
  });

  it('defaults to every event, every environment and the standard format', async () => {
    const created = await t.post('/api/v1/webhooks', { url: HOOK });
    expect(created.body).toMatchObject({ url: HOOK, events: null, environments: null, format: 'standard' });
    expect((await t.get('/api/v1/webhooks')).json.webhooks).toMatchObject([{ id: created.json.id }]);
  });

  it('validates the request, naming the field, and stores nothing', async () => {
    const rejects = (body: unknown, path: string) =>
      expectRejected(t, () => t.post('/api/v1/webhooks', body), { status: 400, code: 'validation_failed', path });
    await rejects({}, 'url');
    await rejects({ url: 'ftp://hooks.example.com/x' }, 'url');
    await rejects({ url: 'not a url' }, 'url');
    await rejects({ url: `https://example.com/${'x'.repeat(2000)}` }, 'url');
    await rejects({ url: HOOK, events: ['config.exploded'] }, 'events.0');
    await rejects({ url: HOOK, events: [] }, 'events');
    await rejects({ url: HOOK, environments: ['moon'] }, 'environments.0');
    await rejects({ url: HOOK, environments: [] }, 'environments');
    await rejects({ url: HOOK, format: 'teams' }, 'format');
    await rejects({ url: HOOK, secret: 'mine' }, 'secret');
    await rejects({ url: 'https://user:pass@hooks.example.com/x' }, 'url');
  });

  it('refuses loopback, link-local and private addresses unless configured to allow them', async () => {
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://localhost/x',
      'http://localhost./x',
      'http://[::1]/x',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/x',
      'http://192.168.0.10/x',
    ]) {
      const refused = await expectRejected(t, () => t.post('/api/v1/webhooks', { url }), {
        status: 400,
        code: 'validation_failed',
        path: 'url',
      });
      expect(JSON.stringify(refused.body)).toContain('WEBHOOK_ALLOW_PRIVATE_NETWORKS');
    }
    const allowed = await createTestApp({ webhookAllowPrivateNetworks: true });
    try {
      expect((await allowed.post('/api/v1/webhooks', { url: 'http://127.0.0.1:8080/x' })).status).toBe(201);
    } finally {
      await allowed.close();
    }
  });

  it('updates, disables and enables a webhook, auditing each change', async () => {
    const id = String((await t.post('/api/v1/webhooks', { url: HOOK })).json.id);
    const updated = await t.patch(`/api/v1/webhooks/${id}`, { events: ['flag.*'], format: 'slack' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ events: ['flag.*'], format: 'slack', url: HOOK });
    expect((await t.patch(`/api/v1/webhooks/${id}`, { enabled: false })).body).toMatchObject({
      enabled: false,
      disabledReason: 'disabled by admin',
    });
    expect((await t.patch(`/api/v1/webhooks/${id}`, { events: null })).body).toMatchObject({
      events: null,
      enabled: false,
      disabledReason: 'disabled by admin',
    });
    expect((await t.patch(`/api/v1/webhooks/${id}`, { enabled: true })).body).toMatchObject({
      enabled: true,
      disabledReason: null,
    });
    // A change that changes nothing is neither stored nor audited.
    expect((await t.patch(`/api/v1/webhooks/${id}`, { enabled: true })).status).toBe(200);
    const audit = (await t.get('/api/v1/audit?limit=5')).json.entries as { action: string }[];
    expect(audit.map((entry) => entry.action)).toEqual([
      'webhook.updated',
      'webhook.updated',
      'webhook.updated',
      'webhook.updated',
      'webhook.created',
    ]);
    await expectRejected(t, () => t.patch(`/api/v1/webhooks/${id}`, { url: 'gopher://x' }), {
      status: 400,
      code: 'validation_failed',
      path: 'url',
    });
    await expectRejected(t, () => t.patch('/api/v1/webhooks/nope', { enabled: true }), {
      status: 404,
      code: 'not_found',
    });
  });

  it('queues one delivery per subscribed webhook in the change, filtered by event and environment', async () => {
    const every = String((await t.post('/api/v1/webhooks', { url: HOOK })).json.id);
    const kills = String((await t.post('/api/v1/webhooks', { url: HOOK, events: ['config.killed'] })).json.id);
    const development = String(
      (await t.post('/api/v1/webhooks', { url: HOOK, events: ['config.*', 'flag.*'], environments: ['development'] }))
        .json.id,
    );
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/flags/a/environments/production/revive');
    await t.post('/api/v1/flags/a/environments/production/kill');
    await t.post('/api/v1/flags/a/environments/development/revive');
    const types = async (id: string) =>
      ((await t.get(`/api/v1/webhooks/${id}/deliveries`)).json.deliveries as { eventType: string }[])
        .map((delivery) => delivery.eventType)
        .reverse();
    // Its own creation and the two webhooks' after it.
    expect(await types(every)).toEqual([
      'webhook.created',
      'webhook.created',
      'webhook.created',
      'flag.created',
      'config.revived',
      'config.killed',
      'config.revived',
    ]);
    expect(await types(kills)).toEqual(['config.killed']);
    // A flag's creation belongs to no environment: it goes to every webhook that chose it.
    expect(await types(development)).toEqual(['flag.created', 'config.revived']);
  });

  it('pages deliveries newest first and shows each with its payload', async () => {
    const id = String((await t.post('/api/v1/webhooks', { url: HOOK, events: ['flag.created'] })).json.id);
    for (const key of ['a', 'b', 'c']) await t.post('/api/v1/flags', { key });
    const first = await t.get(`/api/v1/webhooks/${id}/deliveries?limit=2`);
    expect(first.json.deliveries).toMatchObject([
      {
        eventType: 'flag.created',
        status: 'pending',
        attempts: [],
        payload: { type: 'flag.created', data: { target: 'c' } },
      },
      { payload: { data: { target: 'b' } } },
    ]);
    const second = await t.get(`/api/v1/webhooks/${id}/deliveries?limit=2&cursor=${String(first.json.nextCursor)}`);
    expect(second.json).toMatchObject({ deliveries: [{ payload: { data: { target: 'a' } } }], nextCursor: null });
    await expectRejected(t, () => t.get(`/api/v1/webhooks/${id}/deliveries?cursor=x`), {
      status: 400,
      code: 'validation_failed',
      path: 'cursor',
    });
    await expectRejected(t, () => t.get('/api/v1/webhooks/nope/deliveries'), { status: 404, code: 'not_found' });
  });

  it('deletes a webhook with its deliveries; nothing is queued for it afterwards', async () => {
    const id = String((await t.post('/api/v1/webhooks', { url: HOOK })).json.id);
    const [delivery] = await t.store.listDeliveries({ webhookId: id, limit: 1 });
    const deleted = await t.delete(`/api/v1/webhooks/${id}`);
    expect(deleted.status).toBe(200);
    expect(await t.store.getDelivery(delivery?.id ?? '')).toBeUndefined();
    await t.post('/api/v1/flags', { key: 'a' });
    expect(await t.store.listDeliveries({ webhookId: id, limit: 10 })).toEqual([]);
    expect((await t.get(`/api/v1/webhooks/${id}`)).status).toBe(404);
    await expectRejected(t, () => t.delete(`/api/v1/webhooks/${id}`), { status: 404, code: 'not_found' });
    await expectRejected(t, () => t.post(`/api/v1/webhooks/${id}/deliveries/x/redeliver`), {
      status: 404,
      code: 'not_found',
    });
  });

  it('cuts an event larger than 64 KiB to the entry without its before and after', async () => {
    const id = String((await t.post('/api/v1/webhooks', { url: HOOK, events: ['flag.created'] })).json.id);
    await t.post('/api/v1/flags', { key: 'big', description: 'x'.repeat(1000), tags: [] });
    const [small] = await t.store.listDeliveries({ webhookId: id, limit: 1 });
    expect(small?.payload).toMatchObject({ data: { after: { key: 'big' } } });
    const huge = await t.post('/api/v1/segments', {
      key: 'many',
      name: 'many',
      conditions: [
        { attribute: 'userId', operator: 'in', values: Array.from({ length: 9000 }, (_, i) => `user-${i}`) },
      ],
    });
    expect(huge.status).toBe(201);
    const everything = String((await t.post('/api/v1/webhooks', { url: HOOK, events: ['segment.*'] })).json.id);
    await t.put('/api/v1/segments/many', {
      name: 'many',
      conditions: [
        { attribute: 'userId', operator: 'in', values: Array.from({ length: 9001 }, (_, i) => `user-${i}`) },
      ],
    });
    const [cut] = await t.store.listDeliveries({ webhookId: everything, limit: 1 });
    expect(cut?.payload).toMatchObject({
      type: 'segment.updated',
      data: { before: null, after: null, truncated: true },
    });
    expect(JSON.stringify(cut?.payload).length).toBeLessThan(64 * 1024);
  });
});
