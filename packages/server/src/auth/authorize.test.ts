import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

const ADMIN_ROUTES: [method: string, path: string, body?: unknown][] = [
  ['GET', '/api/v1/environments'],
  ['POST', '/api/v1/environments', { key: 'staging' }],
  ['GET', '/api/v1/flags'],
  ['POST', '/api/v1/flags', { key: 'b' }],
  ['GET', '/api/v1/flags/a'],
  ['PATCH', '/api/v1/flags/a', { owner: 'x' }],
  ['DELETE', '/api/v1/flags/a'],
  ['GET', '/api/v1/flags/a/environments/production'],
  ['PUT', '/api/v1/flags/a/environments/production', { enabled: true }],
  ['POST', '/api/v1/flags/a/environments/production/ramp', { percentage: 5 }],
  ['POST', '/api/v1/flags/a/environments/production/kill', {}],
  ['POST', '/api/v1/flags/a/environments/production/revive', {}],
  ['GET', '/api/v1/segments'],
  ['POST', '/api/v1/segments', { key: 't', conditions: [] }],
  ['GET', '/api/v1/segments/s'],
  ['PUT', '/api/v1/segments/s', { conditions: [] }],
  ['DELETE', '/api/v1/segments/s'],
  ['GET', '/api/v1/keys'],
  ['POST', '/api/v1/keys', { kind: 'admin', name: 'x' }],
  ['DELETE', '/api/v1/keys/some-id'],
  ['GET', '/api/v1/audit'],
  ['POST', '/api/v1/import/unleash?environment=production', { features: [] }],
];

describe('authorization of the admin API', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/segments', { key: 's', conditions: [] });
    keys.server = String(
      (await t.post('/api/v1/keys', { kind: 'server', environment: 'production', name: 'srv' })).json.secret,
    );
    keys.client = String(
      (await t.post('/api/v1/keys', { kind: 'client', environment: 'production', name: 'web' })).json.secret,
    );
    const revoked = await t.post('/api/v1/keys', { kind: 'admin', name: 'old' });
    keys.revoked = String(revoked.json.secret);
    await t.delete(`/api/v1/keys/${String(revoked.json.id)}`);
    const adminSecret = t.adminKey;
    keys.tampered = `${adminSecret.slice(0, -2)}${adminSecret.endsWith('AA') ? 'BB' : 'AA'}`;
  });
  afterAll(() => t.close());

  const send = (
    method: string,
    path: string,
    body: unknown,
    key: string | null,
    headers: Record<string, string> = {},
  ) => t.request(method, path, { key, headers, ...(body === undefined ? {} : { body }) });

  describe.each(ADMIN_ROUTES)('%s %s', (method, path, body) => {
    it('answers 401 without a key', async () => {
      await expectRejected(t, () => send(method, path, body, null), { status: 401, code: 'unauthorized' });
    });
    it('answers 401 for a malformed, unknown, tampered or revoked key', async () => {
      await expectRejected(t, () => send(method, path, body, null, { authorization: 'Basic YWRtaW46YWRtaW4=' }), {
        status: 401,
        code: 'unauthorized',
      });
      await expectRejected(
        t,
        () => send(method, path, body, 'rpa_zzzzzzzzzzzzzzzz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
        { status: 401, code: 'unauthorized' },
      );
      await expectRejected(t, () => send(method, path, body, keys.tampered ?? ''), {
        status: 401,
        code: 'unauthorized',
      });
      await expectRejected(t, () => send(method, path, body, keys.revoked ?? ''), {
        status: 401,
        code: 'unauthorized',
      });
    });
    it('answers 403 for a server key and for a client key', async () => {
      await expectRejected(t, () => send(method, path, body, keys.server ?? ''), { status: 403, code: 'forbidden' });
      await expectRejected(t, () => send(method, path, body, keys.client ?? ''), { status: 403, code: 'forbidden' });
    });
  });

  it('does not accept an admin key in the query string', async () => {
    const response = await t.request('GET', `/api/v1/flags?key=${encodeURIComponent(t.adminKey)}`, { key: null });
    expect(response.status).toBe(401);
  });

  it('accepts the admin key with any casing of the Bearer scheme', async () => {
    const response = await t.request('GET', '/api/v1/flags', {
      key: null,
      headers: { authorization: `bearer ${t.adminKey}` },
    });
    expect(response.status).toBe(200);
  });
});
