import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

interface Entry {
  id: string;
  at: string;
  via?: string;
  action: string;
  target: string;
  environment?: string;
}

describe('audit log', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/flags', { key: 'b' });
    for (const env of ['development', 'production']) {
      await t.post(`/api/v1/flags/a/environments/${env}/revive`, { reason: 'go' });
      await t.post(`/api/v1/flags/a/environments/${env}/kill`);
    }
  });
  afterEach(() => t.close());

  const entries = async (query: string) => (await t.get(`/api/v1/audit${query}`)).json.entries as Entry[];

  it('lists entries newest first with who, what, when, before and after', async () => {
    const all = await entries('');
    expect(all.map((e) => e.action).slice(0, 3)).toEqual(['config.killed', 'config.revived', 'config.killed']);
    const ids = all.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(new Set(ids).size).toBe(ids.length);
    expect(all[0]).toMatchObject({
      actor: 'admin',
      via: 'key',
      target: 'a',
      environment: 'production',
      before: { enabled: true },
      after: { enabled: false },
    });
    expect(all[0]).not.toHaveProperty('targetKind');
  });

  it('filters by flag and by environment', async () => {
    expect((await entries('?flag=b')).map((e) => e.action)).toEqual(['flag.created']);
    const production = await entries('?flag=a&environment=production');
    expect(production.map((e) => e.action)).toEqual(['config.killed', 'config.revived']);
  });

  it('pages with a cursor through every entry once', async () => {
    const all = await entries('?limit=500');
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 20; page++) {
      const response = await t.get(`/api/v1/audit?limit=3${cursor}`);
      seen.push(...(response.json.entries as Entry[]).map((e) => e.id));
      if (response.json.nextCursor === null) break;
      cursor = `&cursor=${String(response.json.nextCursor)}`;
    }
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it('validates the query, naming the field', async () => {
    for (const query of ['?limit=0', '?limit=501', '?limit=ten', '?limit=1.5']) {
      await expectRejected(t, () => t.get(`/api/v1/audit${query}`), {
        status: 400,
        code: 'validation_failed',
        path: 'limit',
      });
    }
    await expectRejected(t, () => t.get('/api/v1/audit?cursor=abc'), {
      status: 400,
      code: 'validation_failed',
      path: 'cursor',
    });
  });
});
