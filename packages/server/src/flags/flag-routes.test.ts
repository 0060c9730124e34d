import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

describe('flags', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('creates a flag that is off without rules in every environment', async () => {
    const created = await t.post('/api/v1/flags', {
      key: 'new-checkout',
      description: 'The new checkout',
      tags: ['payments'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'new-checkout',
      type: 'boolean',
      temporary: true,
      clientSide: false,
      archived: false,
      environments: {
        development: { enabled: false, rules: [], version: 1 },
        production: { enabled: false, rules: [], version: 1 },
      },
    });
    expect(t.publications).toEqual([
      { environment: 'development', version: 1 },
      { environment: 'production', version: 1 },
    ]);
    const audit = await t.get('/api/v1/audit?flag=new-checkout');
    expect(audit.body).toMatchObject({
      entries: [{ action: 'flag.created', target: 'new-checkout', before: null, after: { key: 'new-checkout' } }],
    });
  });

  it('lists the release plan under way in each environment', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    const started = await t.post('/api/v1/flags/a/environments/production/release', {
      steps: [{ percentage: 5, holdSeconds: 600 }, { percentage: 100 }],
    });
    expect(started.status).toBe(201);
    const listed = (await t.get('/api/v1/flags')).json.flags as {
      environments: Record<string, { release: unknown }>;
    }[];
    expect(listed[0]?.environments.production?.release).toBe('running');
    expect(listed[0]?.environments.development?.release).toBeNull();
    await t.post('/api/v1/flags/a/environments/production/release/abort', {});
    const after = (await t.get('/api/v1/flags')).json.flags as { environments: Record<string, { release: unknown }> }[];
    expect(after[0]?.environments.production?.release).toBeNull();
  });

  it('accepts any Unicode key without control characters, whitespace or slashes', async () => {
    const key = 'café-☕.v2:beta?x=1#y%';
    expect((await t.post('/api/v1/flags', { key })).status).toBe(201);
    const read = await t.get(`/api/v1/flags/${encodeURIComponent(key)}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ key });
    expect((await t.post('/api/v1/flags', { key: '😀'.repeat(200) })).status).toBe(201);
    for (const dots of ['...', '.a', 'a..']) {
      expect((await t.post('/api/v1/flags', { key: dots })).status).toBe(201);
      expect((await t.get(`/api/v1/flags/${encodeURIComponent(dots)}`)).body).toMatchObject({ key: dots });
    }
  });

  it('refuses keys that break the key rules, naming the field', async () => {
    for (const key of [
      '',
      'a b',
      'a/b',
      'tab\there',
      'nul\u0000',
      'x'.repeat(201),
      '\ud800',
      'line\nbreak',
      'nbsp\u00a0',
      '.',
      '..',
    ]) {
      await expectRejected(t, () => t.post('/api/v1/flags', { key }), {
        status: 400,
        code: 'validation_failed',
        path: 'key',
      });
    }
  });

  it('refuses other invalid fields, naming each', async () => {
    await expectRejected(t, () => t.post('/api/v1/flags', { key: 'a', type: 'integer' }), {
      status: 400,
      code: 'validation_failed',
      path: 'type',
    });
    await expectRejected(t, () => t.post('/api/v1/flags', { key: 'a', tags: 'x' }), {
      status: 400,
      code: 'validation_failed',
      path: 'tags',
    });
    await expectRejected(t, () => t.post('/api/v1/flags', { key: 'a', tags: [''] }), {
      status: 400,
      code: 'validation_failed',
      path: 'tags.0',
    });
    await expectRejected(t, () => t.post('/api/v1/flags', { key: 'a', clientSide: 'yes' }), {
      status: 400,
      code: 'validation_failed',
      path: 'clientSide',
    });
    await expectRejected(t, () => t.post('/api/v1/flags', { description: 'no key' }), {
      status: 400,
      code: 'validation_failed',
      path: 'key',
    });
    await expectRejected(t, () => t.post('/api/v1/flags', [1, 2]), { status: 400, code: 'validation_failed' });
  });

  it('refuses a duplicate key with 409, archived flags included', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    await expectRejected(t, () => t.post('/api/v1/flags', { key: 'a' }), { status: 409, code: 'conflict' });
    await t.delete('/api/v1/flags/a');
    await expectRejected(t, () => t.post('/api/v1/flags', { key: 'a' }), { status: 409, code: 'conflict' });
  });

  it('lists live flags, filtered by tag, text or archived state', async () => {
    await t.post('/api/v1/flags', { key: 'checkout', tags: ['payments'], description: 'New checkout flow' });
    await t.post('/api/v1/flags', { key: 'search', tags: ['growth'] });
    await t.post('/api/v1/flags', { key: 'old' });
    await t.delete('/api/v1/flags/old');
    const keys = async (query: string) =>
      ((await t.get(`/api/v1/flags${query}`)).json.flags as { key: string }[]).map((f) => f.key);
    expect(await keys('')).toEqual(['checkout', 'search']);
    expect(await keys('?tag=payments')).toEqual(['checkout']);
    expect(await keys('?q=flow')).toEqual(['checkout']);
    expect(await keys('?archived=true')).toEqual(['old']);
    expect(await keys('?archived=false')).toEqual(['checkout', 'search']);
    await expectRejected(t, () => t.get('/api/v1/flags?archived=maybe'), {
      status: 400,
      code: 'validation_failed',
      path: 'archived',
    });
  });

  it("answers what is on where in one call: each flag's state per environment, filtered", async () => {
    await t.post('/api/v1/flags', { key: 'checkout' });
    await t.post('/api/v1/flags', { key: 'search' });
    await t.post('/api/v1/flags/checkout/environments/production/ramp', { percentage: 5, enable: true });
    await t.post('/api/v1/flags/search/environments/development/revive');
    const list = await t.get('/api/v1/flags');
    expect(list.json.flags).toEqual([
      expect.objectContaining({
        key: 'checkout',
        environments: {
          development: expect.objectContaining({ enabled: false, version: 1, summary: 'off' }),
          production: expect.objectContaining({
            enabled: true,
            version: 2,
            rules: 1,
            everyone: 5,
            summary: 'on: everyone 5 %',
          }),
        },
      }),
      expect.objectContaining({
        key: 'search',
        environments: {
          development: expect.objectContaining({
            enabled: true,
            everyone: null,
            summary: 'on, but no rule: nobody gets it',
          }),
          production: expect.objectContaining({ enabled: false }),
        },
      }),
    ]);
    const keys = async (query: string) =>
      ((await t.get(`/api/v1/flags${query}`)).json.flags as { key: string; environments: object }[]).map(
        (flag) => `${flag.key}:${Object.keys(flag.environments).join(',')}`,
      );
    expect(await keys('?environment=production&enabled=true')).toEqual(['checkout:production']);
    expect(await keys('?environment=production&enabled=false')).toEqual(['search:production']);
    expect(await keys('?environment=production')).toEqual(['checkout:production', 'search:production']);
    expect(await keys('?enabled=true')).toEqual(['checkout:development,production', 'search:development,production']);
    await t.post('/api/v1/flags/search/environments/development/kill');
    expect(await keys('?enabled=false')).toEqual(['search:development,production']);
    await expectRejected(t, () => t.get('/api/v1/flags?environment=nope'), { status: 404, code: 'not_found' });
    await expectRejected(t, () => t.get('/api/v1/flags?enabled=yes'), {
      status: 400,
      code: 'validation_failed',
      path: 'enabled',
    });
  });

  it('reads a flag with every environment, and 404s an unknown one', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    const read = await t.get('/api/v1/flags/a');
    expect(Object.keys(read.json.environments as object)).toEqual(['development', 'production']);
    await expectRejected(t, () => t.get('/api/v1/flags/nope'), { status: 404, code: 'not_found' });
  });

  it('edits metadata, audits it and bumps every environment', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    const edited = await t.patch('/api/v1/flags/a', { owner: 'payments', clientSide: true, temporary: false });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ owner: 'payments', clientSide: true, temporary: false });
    expect(t.publications.slice(-2)).toEqual([
      { environment: 'development', version: 2 },
      { environment: 'production', version: 2 },
    ]);
    expect((await t.get('/api/v1/audit?limit=1')).body).toMatchObject({
      entries: [{ action: 'flag.updated', before: { owner: '' }, after: { owner: 'payments' } }],
    });
  });

  it('answers an edit that changes nothing without a version or audit entry', async () => {
    await t.post('/api/v1/flags', { key: 'a', owner: 'x' });
    const before = await t.fingerprint();
    const response = await t.patch('/api/v1/flags/a', { owner: 'x' });
    expect(response.status).toBe(200);
    expect(await t.fingerprint()).toBe(before);
  });

  it('refuses a type change that the variants do not fit (409), and allows one they fit', async () => {
    await t.post('/api/v1/flags', { key: 'a', type: 'string' });
    await t.put(
      '/api/v1/flags/a/environments/production',
      { enabled: true, variants: [{ key: 'x', value: 'blue', weight: 1 }] },
      { 'if-match': '"1"' },
    );
    await expectRejected(t, () => t.patch('/api/v1/flags/a', { type: 'number' }), { status: 409, code: 'conflict' });
    expect((await t.patch('/api/v1/flags/a', { type: 'json' })).body).toMatchObject({ type: 'json' });
  });

  it('refuses unknown fields and bad values in an edit, and 404s an unknown flag', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    await expectRejected(t, () => t.patch('/api/v1/flags/a', { key: 'b' }), {
      status: 400,
      code: 'validation_failed',
      path: 'key',
    });
    await expectRejected(t, () => t.patch('/api/v1/flags/a', { owner: 7 }), {
      status: 400,
      code: 'validation_failed',
      path: 'owner',
    });
    await expectRejected(t, () => t.patch('/api/v1/flags/nope', { owner: 'x' }), { status: 404, code: 'not_found' });
  });

  it('archives and restores a flag; archived flags leave the snapshot', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    const archived = await t.delete('/api/v1/flags/a');
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ archived: true });
    expect((await t.store.getSnapshot('production'))?.flags).toEqual([]);
    const before = await t.fingerprint();
    expect((await t.delete('/api/v1/flags/a')).status).toBe(200);
    expect(await t.fingerprint()).toBe(before);
    await expectRejected(t, () => t.post('/api/v1/flags/a/environments/production/revive'), {
      status: 409,
      code: 'conflict',
    });
    expect((await t.patch('/api/v1/flags/a', { archived: false })).body).toMatchObject({ archived: false });
    const actions = ((await t.get('/api/v1/audit?flag=a')).json.entries as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(['flag.restored', 'flag.archived', 'flag.created']);
    await expectRejected(t, () => t.delete('/api/v1/flags/nope'), { status: 404, code: 'not_found' });
  });

  it('refuses to archive a flag that a live flag needs as a prerequisite', async () => {
    await t.post('/api/v1/flags', { key: 'parent' });
    await t.post('/api/v1/flags', { key: 'child' });
    await t.put(
      '/api/v1/flags/child/environments/production',
      { enabled: true, prerequisites: [{ flag: 'parent' }] },
      { 'if-match': '"1"' },
    );
    const refused = await expectRejected(t, () => t.delete('/api/v1/flags/parent'), { status: 409, code: 'conflict' });
    expect(JSON.stringify(refused.body)).toContain('child');
  });
});
