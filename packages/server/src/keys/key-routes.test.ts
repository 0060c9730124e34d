import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createClient, createTestApp, type TestApp } from '../test-support/test-app.js';

describe('API keys', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('creates each kind of key with a prefixed secret shown once and stored only as a hash', async () => {
    const server = await t.post('/api/v1/keys', { kind: 'server', environment: 'production', name: 'checkout-api' });
    expect(server.status).toBe(201);
    expect(server.body).toMatchObject({
      kind: 'server',
      environment: 'production',
      name: 'checkout-api',
      revokedAt: null,
    });
    const secret = String(server.json.secret);
    expect(secret).toMatch(new RegExp(`^rps_${String(server.json.id)}_[A-Za-z0-9_-]{43}$`));
    expect(
      String((await t.post('/api/v1/keys', { kind: 'client', environment: 'development', name: 'web' })).json.secret),
    ).toMatch(/^rpc_/);
    const admin = await t.post('/api/v1/keys', { kind: 'admin', name: 'ci' });
    expect(String(admin.json.secret)).toMatch(/^rpa_/);

    const listed = await t.get('/api/v1/keys');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toContain('hash');
    expect((listed.json.keys as unknown[]).length).toBe(4);
    const stored = await t.store.getKey(String(server.json.id));
    expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await t.fingerprint())).not.toContain(secret);
  });

  it('lets a new admin key act, and names it as the actor', async () => {
    const admin = await t.post('/api/v1/keys', { kind: 'admin', name: 'release-bot' });
    const bot = createClient(t.app, String(admin.json.secret));
    expect((await bot.post('/api/v1/flags', { key: 'a' })).status).toBe(201);
    expect((await t.get('/api/v1/audit?limit=1')).body).toMatchObject({
      entries: [{ actor: 'release-bot', action: 'flag.created' }],
    });
  });

  it('revokes a key so that its secret stops working at once', async () => {
    const admin = await t.post('/api/v1/keys', { kind: 'admin', name: 'temp' });
    const temp = createClient(t.app, String(admin.json.secret));
    expect((await temp.get('/api/v1/flags')).status).toBe(200);
    const revoked = await t.delete(`/api/v1/keys/${String(admin.json.id)}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: admin.json.id, revokedAt: expect.any(String) });
    expect((await temp.get('/api/v1/flags')).status).toBe(401);
    const before = await t.fingerprint();
    expect((await t.delete(`/api/v1/keys/${String(admin.json.id)}`)).status).toBe(200);
    expect(await t.fingerprint()).toBe(before);
    expect(((await t.get('/api/v1/audit?limit=2')).json.entries as { action: string }[]).map((e) => e.action)).toEqual([
      'key.revoked',
      'key.created',
    ]);
  });

  it('refuses to revoke the last admin key (409) and unknown keys (404)', async () => {
    const [own] = (await t.get('/api/v1/keys')).json.keys as { id: string }[];
    await expectRejected(t, () => t.delete(`/api/v1/keys/${own?.id ?? ''}`), { status: 409, code: 'conflict' });
    await expectRejected(t, () => t.delete('/api/v1/keys/nope'), { status: 404, code: 'not_found' });
  });

  it('validates key creation, naming the field', async () => {
    const rejects = (body: unknown, path: string) =>
      expectRejected(t, () => t.post('/api/v1/keys', body), { status: 400, code: 'validation_failed', path });
    await rejects({ kind: 'root', name: 'x' }, 'kind');
    await rejects({ kind: 'server', name: 'x' }, 'environment');
    await rejects({ kind: 'server', environment: 'staging', name: 'x' }, 'environment');
    await rejects({ kind: 'admin', environment: 'production', name: 'x' }, 'environment');
    await rejects({ kind: 'client', environment: 'production' }, 'name');
    await rejects({ kind: 'client', environment: 'production', name: '' }, 'name');
  });
});
