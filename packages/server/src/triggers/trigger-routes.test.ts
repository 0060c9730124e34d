import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../base/logger.js';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createManualClock, createTestApp, type TestApp, type TestResponse } from '../test-support/test-app.js';
import { readAlertPayload } from './alert-payload.js';
import { readSample } from './samples/samples.js';

const PRODUCTION = '/api/v1/flags/checkout/environments/production';
const DEVELOPMENT = '/api/v1/flags/checkout/environments/development';
const TRIGGERS = `${PRODUCTION}/triggers`;
const SECRET = /^rtg_[A-Za-z0-9_-]{43}$/;
const JSON_TYPE = 'application/json';

interface Created {
  id: string;
  name: string;
  url: string;
  /** The URL's path: what a caller posts to. */
  path: string;
  secret: string;
}

interface AuditRow {
  id: string;
  actor: string;
  action: string;
  target: string;
  environment?: string;
  reason?: string;
  before: unknown;
  after: unknown;
}

/** Creates a trigger through the API and returns its URL's parts. */
async function addTrigger(
  t: TestApp,
  name: string,
  action: 'kill' | 'revive' = 'kill',
  triggers = TRIGGERS,
): Promise<Created> {
  const created = await t.post(triggers, { name, action });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const url = String(created.json.url);
  const path = new URL(url).pathname;
  return { id: String(created.json.id), name, url, path, secret: path.slice('/hooks/triggers/'.length) };
}

/** Posts `body` to a trigger URL without a key, as an alerting tool does. */
function fire(t: TestApp, path: string, body?: { raw: string; type?: string }): Promise<TestResponse> {
  if (body === undefined) return t.request('POST', path, { key: null });
  const headers: Record<string, string> = body.type === undefined ? {} : { 'content-type': body.type };
  return t.request('POST', path, { rawBody: body.raw, headers, key: null });
}

/** A sample payload as the body its tool sends. */
function sample(name: string, type = JSON_TYPE): { raw: string; type: string } {
  return { raw: new TextDecoder().decode(readSample(name)), type };
}

/** What the audit entry's reason must be for a sample. */
function summaryOf(name: string, type = JSON_TYPE): string {
  return readAlertPayload(type, readSample(name)).summary;
}

async function auditEntries(t: TestApp, query = '?flag=checkout&limit=100'): Promise<AuditRow[]> {
  return (await t.get(`/api/v1/audit${query}`)).json.entries as AuditRow[];
}

async function config(t: TestApp, path = PRODUCTION): Promise<{ enabled: boolean; version: number }> {
  const response = await t.get(path);
  expect(response.status).toBe(200);
  return { enabled: response.json.enabled as boolean, version: response.json.version as number };
}

/** Everything stored but the triggers, whose last call and rate-limit window every call moves. */
async function fingerprintWithoutTriggers(t: TestApp): Promise<string> {
  const stored = JSON.parse(await t.fingerprint()) as Record<string, unknown>;
  delete stored.triggers;
  return JSON.stringify(stored);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('trigger URLs', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    expect((await t.post('/api/v1/flags', { key: 'checkout' })).status).toBe(201);
    // A new flag is off everywhere: on, a kill has something to do.
    expect((await t.post(`${PRODUCTION}/revive`)).status).toBe(200);
    expect((await t.post(`${DEVELOPMENT}/revive`)).status).toBe(200);
  });
  afterEach(() => t.close());

  describe('creating', () => {
    it('answers 201 with the trigger and a URL holding 256 random bits, shown once and stored only as a hash', async () => {
      const created = await t.post(TRIGGERS, { name: 'high-errors', action: 'kill' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^\S+$/),
        name: 'high-errors',
        action: 'kill',
        flag: 'checkout',
        environment: 'production',
        createdBy: 'admin',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        lastFiredAt: null,
        url: expect.stringMatching(/^http:\/\/localhost\/hooks\/triggers\/rtg_[A-Za-z0-9_-]{43}$/),
      });
      const url = String(created.json.url);
      const secret = url.slice(url.lastIndexOf('/') + 1);
      expect(secret).toMatch(SECRET);
      expect(Buffer.from(secret.slice(4), 'base64url')).toHaveLength(32);
      const id = String(created.json.id);

      const listed = await t.get(TRIGGERS);
      expect(listed.status).toBe(200);
      const view: Record<string, unknown> = { ...created.json };
      delete view.url;
      expect(listed.body).toEqual({ triggers: [view] });
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      expect(JSON.stringify(listed.body)).not.toContain('hash');

      const audit = await t.get('/api/v1/audit?limit=100');
      expect(JSON.stringify(audit.body)).not.toContain(secret);
      expect(JSON.stringify(audit.body)).not.toContain(secret.slice(4));
      expect((audit.json.entries as AuditRow[])[0]).toMatchObject({
        actor: 'admin',
        action: 'trigger.created',
        target: 'checkout',
        environment: 'production',
        before: null,
        after: { id, name: 'high-errors', action: 'kill' },
      });

      const fingerprint = await t.fingerprint();
      expect(fingerprint).not.toContain(secret);
      expect(fingerprint).not.toContain(secret.slice(4));
      const stored = await t.store.getTrigger(id);
      expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored?.hash).toBe(sha256Hex(secret));
      expect(fingerprint).toContain(sha256Hex(secret));
    });

    it('gives every trigger its own secret', async () => {
      const first = await addTrigger(t, 'one');
      const second = await addTrigger(t, 'two');
      expect(first.secret).toMatch(SECRET);
      expect(second.secret).toMatch(SECRET);
      expect(second.secret).not.toBe(first.secret);
      expect(second.id).not.toBe(first.id);
    });

    it('builds the URL on the public URL when one is configured, without a doubled slash', async () => {
      const behindProxy = await createTestApp({ publicUrl: 'https://flags.example.com/' });
      try {
        expect((await behindProxy.post('/api/v1/flags', { key: 'checkout' })).status).toBe(201);
        const created = await addTrigger(behindProxy, 'high-errors', 'revive');
        expect(created.url.startsWith('https://flags.example.com/hooks/triggers/rtg_')).toBe(true);
        expect(created.url).toMatch(/^https:\/\/flags\.example\.com\/hooks\/triggers\/rtg_[A-Za-z0-9_-]{43}$/);
        // The path of the URL shown is the one the server answers.
        expect((await fire(behindProxy, created.path)).json.outcome).toBe('revived');
      } finally {
        await behindProxy.close();
      }
    });

    it('validates the name and the action, naming the field', async () => {
      const rejects = (body: unknown, path: string) =>
        expectRejected(t, () => t.post(TRIGGERS, body), { status: 400, code: 'validation_failed', path });
      await rejects({ action: 'kill' }, 'name');
      await rejects({ name: '', action: 'kill' }, 'name');
      await rejects({ name: 'a\nb', action: 'kill' }, 'name');
      await rejects({ name: 'x'.repeat(101), action: 'kill' }, 'name');
      await rejects({ name: 'high-errors', action: 'toggle' }, 'action');
      await rejects({ name: 'high-errors' }, 'action');
    });

    it('refuses a second trigger of the same name on the flag in the environment, but not in another', async () => {
      await addTrigger(t, 'high-errors');
      const refused = await expectRejected(t, () => t.post(TRIGGERS, { name: 'high-errors', action: 'revive' }), {
        status: 400,
        code: 'validation_failed',
        path: 'name',
      });
      expect(JSON.stringify(refused.body)).toContain('high-errors');
      const elsewhere = await t.post(`${DEVELOPMENT}/triggers`, { name: 'high-errors', action: 'kill' });
      expect(elsewhere.status).toBe(201);
      expect(elsewhere.json.environment).toBe('development');
      expect(((await t.get(TRIGGERS)).json.triggers as unknown[]).length).toBe(1);
      expect(((await t.get(`${DEVELOPMENT}/triggers`)).json.triggers as unknown[]).length).toBe(1);
    });

    it('404s an unknown flag or environment, when creating and when listing', async () => {
      const body = { name: 'high-errors', action: 'kill' };
      for (const path of [
        '/api/v1/flags/nope/environments/production/triggers',
        '/api/v1/flags/checkout/environments/nope/triggers',
      ]) {
        await expectRejected(t, () => t.get(path), { status: 404, code: 'not_found' });
      }
      await expectRejected(t, () => t.post('/api/v1/flags/nope/environments/production/triggers', body), {
        status: 404,
        code: 'not_found',
      });
      await expectRejected(t, () => t.post('/api/v1/flags/checkout/environments/nope/triggers', body), {
        status: 404,
        code: 'not_found',
      });
      // `staging` is not one of the environments a new server starts with.
      await expectRejected(t, () => t.post('/api/v1/flags/checkout/environments/staging/triggers', body), {
        status: 404,
        code: 'not_found',
      });
    });
  });

  describe('firing with the tools’ own payloads', () => {
    it.each([
      ['alertmanager-firing.json', 'HighErrorRate'],
      ['grafana-firing.json', 'Checkout error rate'],
    ])(
      'kills the flag in its environment only on %s, audited as the trigger with the alert as the reason',
      async (name, alert) => {
        const trigger = await addTrigger(t, 'high-errors');
        const before = await config(t);
        const fired = await fire(t, trigger.path, sample(name));
        expect(fired.status).toBe(200);
        expect(fired.body).toEqual({
          outcome: 'killed',
          flag: 'checkout',
          environment: 'production',
          trigger: 'high-errors',
          message: 'the flag was turned off',
        });
        expect(await config(t)).toEqual({ enabled: false, version: before.version + 1 });
        expect((await config(t, DEVELOPMENT)).enabled).toBe(true);

        const reason = summaryOf(name);
        expect(reason).toContain(alert);
        const [entry] = await auditEntries(t, '?flag=checkout&limit=1');
        expect(entry).toMatchObject({
          actor: 'trigger:high-errors',
          action: 'config.killed',
          target: 'checkout',
          environment: 'production',
          reason,
          before: { enabled: true },
          after: { enabled: false },
        });
        const [listed] = (await t.get(TRIGGERS)).json.triggers as { lastFiredAt: string | null }[];
        expect(listed?.lastFiredAt).toEqual(expect.any(String));
      },
    );

    it.each(['alertmanager-resolved.json', 'grafana-resolved.json'])(
      'answers %s with ignored and changes nothing but the trigger’s last call',
      async (name) => {
        expect(readAlertPayload(JSON_TYPE, readSample(name)).resolved).toBe(true);
        const kill = await addTrigger(t, 'high-errors');
        const before = await fingerprintWithoutTriggers(t);
        const publications = t.publications.length;
        const fired = await fire(t, kill.path, sample(name));
        expect(fired.status).toBe(200);
        expect(fired.body).toEqual({
          outcome: 'ignored',
          flag: 'checkout',
          environment: 'production',
          trigger: 'high-errors',
          message: 'the alert is not firing (it resolved, recovered or is being worked on); nothing changed',
        });
        expect(await fingerprintWithoutTriggers(t)).toBe(before);
        expect(t.publications.length).toBe(publications);
        expect((await config(t)).enabled).toBe(true);
        const [listed] = (await t.get(TRIGGERS)).json.triggers as { lastFiredAt: string | null }[];
        expect(listed?.lastFiredAt).toEqual(expect.any(String));
      },
    );

    it('kills on a bare POST, with no body and no content type', async () => {
      const trigger = await addTrigger(t, 'curl');
      const fired = await fire(t, trigger.path);
      expect(fired.status).toBe(200);
      expect(fired.json.outcome).toBe('killed');
      expect((await config(t)).enabled).toBe(false);
      const reason = readAlertPayload(undefined, new Uint8Array()).summary;
      expect(reason).toBe('a POST with no body');
      expect((await auditEntries(t, '?flag=checkout&limit=1'))[0]).toMatchObject({
        actor: 'trigger:curl',
        action: 'config.killed',
        reason,
      });
    });

    it('kills on a text/plain body and on a form-encoded body, each summarised as the reason', async () => {
      const trigger = await addTrigger(t, 'plain');
      const bodies = [
        sample('plain-text.txt', 'text/plain; charset=utf-8'),
        { raw: 'alert=HighErrorRate&severity=critical', type: 'application/x-www-form-urlencoded' },
      ];
      const reasons: string[] = [];
      for (const body of bodies) {
        expect((await t.post(`${PRODUCTION}/revive`)).status).toBe(200);
        const fired = await fire(t, trigger.path, body);
        expect(fired.status, body.type).toBe(200);
        expect(fired.json.outcome, body.type).toBe('killed');
        expect((await config(t)).enabled).toBe(false);
        const reason = readAlertPayload(body.type, new TextEncoder().encode(body.raw)).summary;
        expect((await auditEntries(t, '?flag=checkout&limit=1'))[0]).toMatchObject({
          actor: 'trigger:plain',
          action: 'config.killed',
          reason,
        });
        reasons.push(reason);
      }
      expect(reasons[0]).toContain('text/plain');
      expect(reasons[0]).toContain('Checkout error rate above 5%');
      expect(reasons[1]).toContain('application/x-www-form-urlencoded');
      expect(reasons[1]).toContain('alert=HighErrorRate&severity=critical');
    });
  });

  describe('idempotence', () => {
    it('answers unchanged when the flag is already off, with no new version, audit entry or announcement', async () => {
      const trigger = await addTrigger(t, 'high-errors');
      expect((await t.post(`${PRODUCTION}/kill`)).status).toBe(200);
      const before = await config(t);
      const audit = await auditEntries(t);
      const publications = t.publications.length;
      const fired = await fire(t, trigger.path, sample('alertmanager-firing.json'));
      expect(fired.status).toBe(200);
      expect(fired.body).toEqual({
        outcome: 'unchanged',
        flag: 'checkout',
        environment: 'production',
        trigger: 'high-errors',
        message: 'the flag was already in this state; nothing changed',
      });
      expect(await config(t)).toEqual(before);
      expect(await auditEntries(t)).toEqual(audit);
      expect(t.publications.length).toBe(publications);
    });

    it('revives through a revive trigger, audited as the trigger, and then answers unchanged', async () => {
      const kill = await addTrigger(t, 'high-errors');
      const revive = await addTrigger(t, 'recovered', 'revive');
      expect((await fire(t, kill.path)).json.outcome).toBe('killed');
      const revived = await fire(t, revive.path, sample('alertmanager-firing.json'));
      expect(revived.status).toBe(200);
      expect(revived.body).toEqual({
        outcome: 'revived',
        flag: 'checkout',
        environment: 'production',
        trigger: 'recovered',
        message: 'the flag was turned back on',
      });
      expect((await config(t)).enabled).toBe(true);
      expect((await auditEntries(t, '?flag=checkout&limit=2')).map((e) => [e.action, e.actor])).toEqual([
        ['config.revived', 'trigger:recovered'],
        ['config.killed', 'trigger:high-errors'],
      ]);
      expect((await fire(t, revive.path)).json.outcome).toBe('unchanged');
    });
  });

  describe('large bodies and other requests', () => {
    it('fires on a body larger than the request limit instead of refusing it', async () => {
      const trigger = await addTrigger(t, 'high-errors');
      const big = JSON.stringify({ message: 'x'.repeat(2 * 1024 * 1024) });
      const fired = await fire(t, trigger.path, { raw: big, type: 'application/json' });
      expect(fired.status).toBe(200);
      expect(fired.json).toMatchObject({ outcome: 'killed' });
      expect((await config(t)).enabled).toBe(false);
    });

    it('never repeats the secret in the answer to a method or path it does not serve', async () => {
      const trigger = await addTrigger(t, 'high-errors');
      for (const [method, path] of [
        ['GET', trigger.path],
        ['PUT', trigger.path],
        ['POST', `${trigger.path}/`],
      ] as const) {
        const answer = await t.request(method, path, { key: null });
        expect(answer.status).toBe(404);
        expect(JSON.stringify(answer.body)).not.toContain(trigger.secret.slice(4));
      }
    });

    it('refuses a trigger on an archived flag', async () => {
      await t.delete('/api/v1/flags/checkout');
      await expectRejected(t, () => t.post(TRIGGERS, { name: 'late', action: 'kill' }), {
        status: 409,
        code: 'conflict',
      });
    });
  });

  describe('wrong, malformed and revoked URLs', () => {
    it('answers 404 to a wrong secret and changes nothing', async () => {
      const trigger = await addTrigger(t, 'high-errors');
      const last = trigger.secret.endsWith('A') ? 'B' : 'A';
      const near = `${trigger.secret.slice(0, -1)}${last}`;
      const wrong = [`rtg_${'A'.repeat(43)}`, near, trigger.secret.slice(4), `rps_${trigger.secret.slice(4)}`, 'rtg_'];
      const messages = new Set<string>();
      for (const secret of wrong) {
        const refused = await expectRejected(t, () => fire(t, `/hooks/triggers/${secret}`), {
          status: 404,
          code: 'not_found',
        });
        messages.add(JSON.stringify(refused.body));
      }
      // The same answer for every wrong secret: it tells nothing about which triggers exist.
      expect(messages.size).toBe(1);
      expect((await config(t)).enabled).toBe(true);
    });

    it('revokes a trigger: 200 with the trigger, audited, and its URL answers 404 at once', async () => {
      const trigger = await addTrigger(t, 'high-errors');
      const deleted = await t.delete(`${TRIGGERS}/${trigger.id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual({
        id: trigger.id,
        name: 'high-errors',
        action: 'kill',
        flag: 'checkout',
        environment: 'production',
        createdBy: 'admin',
        createdAt: expect.any(String),
        lastFiredAt: null,
      });
      expect((await auditEntries(t, '?flag=checkout&limit=1'))[0]).toMatchObject({
        actor: 'admin',
        action: 'trigger.deleted',
        target: 'checkout',
        environment: 'production',
        before: { id: trigger.id, name: 'high-errors', action: 'kill' },
        after: null,
      });
      expect((await t.get(TRIGGERS)).body).toEqual({ triggers: [] });
      await expectRejected(t, () => fire(t, trigger.path, sample('alertmanager-firing.json')), {
        status: 404,
        code: 'not_found',
      });
      expect((await config(t)).enabled).toBe(true);
    });

    it('404s deleting an unknown trigger, a deleted one, or one through another environment', async () => {
      const trigger = await addTrigger(t, 'high-errors');
      await expectRejected(t, () => t.delete(`${TRIGGERS}/nope`), { status: 404, code: 'not_found' });
      await expectRejected(t, () => t.delete(`${DEVELOPMENT}/triggers/${trigger.id}`), {
        status: 404,
        code: 'not_found',
      });
      expect((await t.delete(`${TRIGGERS}/${trigger.id}`)).status).toBe(200);
      await expectRejected(t, () => t.delete(`${TRIGGERS}/${trigger.id}`), { status: 404, code: 'not_found' });
    });

    it('answers 409 for an archived flag and changes nothing, not even the rate-limit count', async () => {
      const trigger = await addTrigger(t, 'high-errors');
      expect((await t.request('DELETE', '/api/v1/flags/checkout')).status).toBe(200);
      await expectRejected(t, () => fire(t, trigger.path), { status: 409, code: 'conflict' });
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After past the limit, per trigger, and again once the minute has passed', async () => {
      const clock = createManualClock();
      const limited = await createTestApp({ clock, triggerRateLimit: 3 });
      try {
        expect((await limited.post('/api/v1/flags', { key: 'checkout' })).status).toBe(201);
        const kill = await addTrigger(limited, 'high-errors');
        const revive = await addTrigger(limited, 'recovered', 'revive');
        expect((await fire(limited, revive.path)).json.outcome).toBe('revived');

        const outcomes: unknown[] = [];
        for (let call = 0; call < 3; call++) {
          const fired = await fire(limited, kill.path);
          expect(fired.status).toBe(200);
          outcomes.push(fired.json.outcome);
        }
        expect(outcomes).toEqual(['killed', 'unchanged', 'unchanged']);

        const refused = await expectRejected(limited, () => fire(limited, kill.path), {
          status: 429,
          code: 'rate_limited',
        });
        const retryAfter = refused.headers.get('retry-after');
        expect(retryAfter).toMatch(/^[1-9]\d*$/);
        expect(Number(retryAfter)).toBeLessThanOrEqual(60);
        // The clock has not moved since the window opened: a whole minute to wait.
        expect(retryAfter).toBe('60');
        expect(refused.json.error).toMatchObject({ message: expect.stringContaining("'high-errors'") });

        // Another trigger on the same flag has its own count.
        expect((await fire(limited, revive.path)).json.outcome).toBe('revived');

        clock.advance(30);
        const later = await expectRejected(limited, () => fire(limited, kill.path), {
          status: 429,
          code: 'rate_limited',
        });
        expect(later.headers.get('retry-after')).toBe('30');

        clock.advance(31);
        const again = await fire(limited, kill.path);
        expect(again.status).toBe(200);
        expect(again.json.outcome).toBe('killed');
        expect((await config(limited)).enabled).toBe(false);
        // A new window: the limit counts afresh.
        expect((await fire(limited, kill.path)).status).toBe(200);
        expect((await fire(limited, kill.path)).status).toBe(200);
        await expectRejected(limited, () => fire(limited, kill.path), { status: 429, code: 'rate_limited' });
      } finally {
        await limited.close();
      }
    });
  });

  describe('keys', () => {
    it('needs no key on the trigger URL and ignores one that is sent', async () => {
      const trigger = await addTrigger(t, 'high-errors');
      const fired = await t.request('POST', trigger.path, {
        key: 'rpa_not-a-key',
        rawBody: sample('alertmanager-firing.json').raw,
        headers: { 'content-type': JSON_TYPE },
      });
      expect(fired.status).toBe(200);
      expect(fired.json.outcome).toBe('killed');
      expect((await auditEntries(t, '?flag=checkout&limit=1'))[0]?.actor).toBe('trigger:high-errors');
    });

    it('needs an admin key on the routes that manage triggers', async () => {
      const trigger = await addTrigger(t, 'high-errors');
      const body = { name: 'other', action: 'kill' };
      await expectRejected(t, () => t.get(TRIGGERS, null), { status: 401, code: 'unauthorized' });
      await expectRejected(t, () => t.request('POST', TRIGGERS, { body, key: null }), {
        status: 401,
        code: 'unauthorized',
      });
      await expectRejected(t, () => t.request('DELETE', `${TRIGGERS}/${trigger.id}`, { key: null }), {
        status: 401,
        code: 'unauthorized',
      });
      await expectRejected(t, () => t.request('POST', TRIGGERS, { body, key: trigger.secret }), {
        status: 401,
        code: 'unauthorized',
      });
      const server = await t.post('/api/v1/keys', { kind: 'server', environment: 'production', name: 'api' });
      await expectRejected(t, () => t.request('POST', TRIGGERS, { body, key: String(server.json.secret) }), {
        status: 403,
        code: 'forbidden',
      });
    });
  });

  it('queues the kill for the webhooks that receive it, with the trigger as the actor', async () => {
    const webhook = await t.post('/api/v1/webhooks', { url: 'https://hooks.example.com/x', events: ['config.killed'] });
    expect(webhook.status).toBe(201);
    const webhookId = String(webhook.json.id);
    const trigger = await addTrigger(t, 'high-errors');
    expect(await t.store.listDeliveries({ webhookId, limit: 10 })).toEqual([]);
    expect((await fire(t, trigger.path, sample('alertmanager-firing.json'))).json.outcome).toBe('killed');
    const deliveries = await t.store.listDeliveries({ webhookId, limit: 10 });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      status: 'pending',
      eventType: 'config.killed',
      payload: {
        type: 'config.killed',
        data: {
          actor: 'trigger:high-errors',
          action: 'config.killed',
          target: 'checkout',
          environment: 'production',
          reason: summaryOf('alertmanager-firing.json'),
        },
      },
    });
  });

  it('never writes a secret to the log', async () => {
    const lines: string[] = [];
    const record = (level: string) => (fields: object, message?: string) => {
      lines.push(
        JSON.stringify({ level, message, fields }, (_key, value: unknown) =>
          value instanceof Error ? { message: value.message, stack: value.stack, cause: value.cause } : value,
        ),
      );
    };
    const logger: Logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const logged = await createTestApp({ logger });
    try {
      expect((await logged.post('/api/v1/flags', { key: 'checkout' })).status).toBe(201);
      expect((await logged.post(`${PRODUCTION}/revive`)).status).toBe(200);
      const trigger = await addTrigger(logged, 'high-errors');
      expect((await fire(logged, trigger.path, sample('alertmanager-firing.json'))).json.outcome).toBe('killed');
      // A wrong secret close to the real one is not logged either.
      expect((await fire(logged, `${trigger.path.slice(0, -1)}~`)).status).toBe(404);

      const hookLines = lines.filter((line) => line.includes('/hooks/triggers/'));
      expect(hookLines).toHaveLength(2);
      expect(hookLines[0]).toContain('"status":200');
      for (const line of lines) {
        expect(line).not.toContain(trigger.secret);
        expect(line).not.toContain(trigger.secret.slice(4, 24));
      }
    } finally {
      await logged.close();
    }
  });
});
