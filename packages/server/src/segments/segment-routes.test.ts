import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

const STAFF = [{ attribute: 'email', operator: 'str_ends_with', values: ['@example.com'], caseInsensitive: true }];

describe('segments', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('creates, lists, reads and replaces a segment, bumping every environment each time', async () => {
    const created = await t.post('/api/v1/segments', { key: 'internal-users', name: 'Staff', conditions: STAFF });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'internal-users', name: 'Staff', description: '', conditions: STAFF });
    expect(t.publications).toEqual([
      { environment: 'development', version: 1 },
      { environment: 'production', version: 1 },
    ]);
    expect((await t.get('/api/v1/segments')).body).toMatchObject({ segments: [{ key: 'internal-users' }] });
    const replaced = await t.put('/api/v1/segments/internal-users', { ...created.json, conditions: [] });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: 'Staff', conditions: [] });
    expect((await t.get('/api/v1/segments/internal-users')).body).toMatchObject({ conditions: [] });
    expect(await t.store.listChangesSince('production', 0)).toEqual([
      { version: 1, flags: [], segments: ['internal-users'] },
      { version: 2, flags: [], segments: ['internal-users'] },
    ]);
    const actions = ((await t.get('/api/v1/audit')).json.entries as { action: string }[])
      .map((e) => e.action)
      .slice(0, 2);
    expect(actions).toEqual(['segment.updated', 'segment.created']);
  });

  it('answers a replace that changes nothing without a version or audit entry', async () => {
    await t.post('/api/v1/segments', { key: 's', name: 'S', conditions: STAFF });
    const before = await t.fingerprint();
    expect((await t.put('/api/v1/segments/s', { name: 'S', conditions: STAFF })).status).toBe(200);
    expect(await t.fingerprint()).toBe(before);
  });

  it('validates segments, naming the field', async () => {
    for (const key of ['a b', '.', '..']) {
      await expectRejected(t, () => t.post('/api/v1/segments', { key, conditions: [] }), {
        status: 400,
        code: 'validation_failed',
        path: 'key',
      });
    }
    await expectRejected(t, () => t.post('/api/v1/segments', { key: 's' }), {
      status: 400,
      code: 'validation_failed',
      path: 'conditions',
    });
    await expectRejected(
      t,
      () =>
        t.post('/api/v1/segments', {
          key: 's',
          conditions: [{ attribute: 'ip', operator: 'in_cidr', values: [], extra: 1 }],
        }),
      {
        status: 400,
        code: 'validation_failed',
        path: 'conditions.0.extra',
      },
    );
    await expectRejected(
      t,
      () =>
        t.post('/api/v1/segments', {
          key: 's',
          conditions: [{ attribute: 'v', operator: 'semver_eq', values: ['1.2'] }],
        }),
      {
        status: 400,
        code: 'validation_failed',
        path: 'conditions.0.values',
      },
    );
  });

  it('answers 409 for a duplicate and 404 for an unknown segment', async () => {
    await t.post('/api/v1/segments', { key: 's', conditions: [] });
    await expectRejected(t, () => t.post('/api/v1/segments', { key: 's', conditions: [] }), {
      status: 409,
      code: 'conflict',
    });
    await expectRejected(t, () => t.get('/api/v1/segments/nope'), { status: 404, code: 'not_found' });
    await expectRejected(t, () => t.put('/api/v1/segments/nope', { conditions: [] }), {
      status: 404,
      code: 'not_found',
    });
    await expectRejected(t, () => t.delete('/api/v1/segments/nope'), { status: 404, code: 'not_found' });
  });

  it('refuses to delete a segment in use, naming the flags, and deletes it once unused', async () => {
    await t.post('/api/v1/segments', { key: 's', conditions: [] });
    await t.post('/api/v1/flags', { key: 'checkout' });
    await t.put(
      '/api/v1/flags/checkout/environments/development',
      { enabled: true, rules: [{ segments: ['s'], rollout: { percentage: 100 } }] },
      { 'if-match': '"1"' },
    );
    const refused = await expectRejected(t, () => t.delete('/api/v1/segments/s'), { status: 409, code: 'conflict' });
    expect(JSON.stringify(refused.body)).toContain('checkout (development)');
    await t.delete('/api/v1/flags/checkout');
    await expectRejected(t, () => t.delete('/api/v1/segments/s'), { status: 409, code: 'conflict' });
    await t.patch('/api/v1/flags/checkout', { archived: false });
    await t.put('/api/v1/flags/checkout/environments/development', { enabled: true }, { 'if-match': '"2"' });
    const deleted = await t.delete('/api/v1/segments/s');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ key: 's' });
    expect((await t.get('/api/v1/segments')).body).toEqual({ segments: [] });
  });
});
