import type { Snapshot } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotSchema } from '../model/model-output.js';
import { seedClientFlags } from '../test-support/client-flags.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

let t: TestApp;
afterEach(() => t.close());

async function keyFor(kind: 'admin' | 'server' | 'client', environment?: string): Promise<string> {
  const response = await t.post('/api/v1/keys', {
    kind,
    name: kind,
    ...(environment === undefined ? {} : { environment }),
  });
  return String(response.json.secret);
}

const snapshotOf = (body: unknown) => body as Snapshot;

describe('/sdk/flags', () => {
  it("answers the key's environment with its version as ETag, then 304 for that ETag", async () => {
    t = await createTestApp();
    await t.post('/api/v1/flags', { key: 'a' });
    const key = await keyFor('server', 'production');
    const first = await t.request('GET', '/api/v1/sdk/flags', { key });
    expect(first.status).toBe(200);
    const snapshot = snapshotOf(first.body);
    expect(snapshot).toEqual(await t.store.getSnapshot('production'));
    expect(first.headers.get('etag')).toBe(`"${snapshot.version}"`);

    const again = await t.request('GET', '/api/v1/sdk/flags', {
      key,
      headers: { 'if-none-match': `"${snapshot.version}"` },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers.get('etag')).toBe(`"${snapshot.version}"`);

    await t.post('/api/v1/flags/a/environments/production/revive', {});
    await expect
      .poll(
        async () =>
          (await t.request('GET', '/api/v1/sdk/flags', { key, headers: { 'if-none-match': `"${snapshot.version}"` } }))
            .status,
        { interval: 5 },
      )
      .toBe(200);
  });

  it('gives a server key its own environment only', async () => {
    t = await createTestApp();
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/flags/a/environments/production/revive', {});
    const development = await keyFor('server', 'development');
    const response = await t.request('GET', '/api/v1/sdk/flags', { key: development });
    expect(snapshotOf(response.body).environment).toBe('development');
    expect(snapshotOf(response.body).flags.map((flag) => flag.enabled)).toEqual([false]);
  });

  it('answers exactly the Snapshot schema it documents: every field declared, none undeclared', async () => {
    t = await createTestApp();
    const { serverKey } = await seedClientFlags(t);
    const put = await t.put('/api/v1/flags/cs-limit/environments/production', await configWithBucketing('cs-limit'), {
      'if-match': '*',
    });
    expect(put.status).toBe(200);
    const response = await t.request('GET', '/api/v1/sdk/flags', { key: serverKey });
    expect(response.status).toBe(200);
    // Parsing drops fields the schema does not declare, at any depth, and fails on missing ones.
    expect(snapshotSchema.parse(response.body)).toEqual(response.body);
  });
});

/** A flag's configuration with a variant bucketing chain, so that optional field is sent too. */
async function configWithBucketing(flag: string) {
  const { json } = await t.get(`/api/v1/flags/${flag}/environments/production`);
  const { enabled, rules, variants, prerequisites } = json;
  return { enabled, rules, variants, prerequisites, variantsBucketBy: ['userId'] };
}

describe('authorization of /sdk/*', () => {
  it.each(['/api/v1/sdk/flags', '/api/v1/sdk/stream'])(
    '%s: 401 without a key, 403 for admin and client keys',
    async (path) => {
      t = await createTestApp();
      const client = await keyFor('client', 'production');
      expect((await t.request('GET', path, { key: null })).status).toBe(401);
      expect((await t.request('GET', path, { key: t.adminKey })).status).toBe(403);
      expect((await t.request('GET', path, { key: client })).status).toBe(403);
      const server = await keyFor('server', 'production');
      expect((await t.request('GET', `${path}?key=${encodeURIComponent(server)}`, { key: null })).status).toBe(401);
    },
  );
});
