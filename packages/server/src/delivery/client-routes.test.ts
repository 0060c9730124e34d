import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_FLAG_KEYS, createKey, HIDDEN_WORDS, seedClientFlags } from '../test-support/client-flags.js';
import { expectRejected } from '../test-support/expect-rejected.js';
import { clientResultsSchema } from './client-schemas.js';
import { createClient, createTestApp, type TestApp, type TestClient } from '../test-support/test-app.js';

const EVALUATE = '/api/v1/client/evaluate';
const member = { userId: 'u1', plan: 'zz-platinum', country: 'zz-atlantis' };

describe('POST /client/evaluate', () => {
  let t: TestApp;
  let asClient: TestClient;
  let keys: { clientKey: string; serverKey: string };
  beforeEach(async () => {
    t = await createTestApp();
    keys = await seedClientFlags(t);
    asClient = createClient(t.app, keys.clientKey);
  });
  afterEach(() => t.close());

  it("answers every clientSide flag's result for the context, with the environment version", async () => {
    const response = await asClient.post(EVALUATE, { context: member });
    expect(response.status).toBe(200);
    const { version } = await t.store
      .getEnvironment('production')
      .then((environment) => ({ version: environment?.version }));
    expect(response.body).toEqual({
      version,
      flags: {
        'cs-banner': { enabled: true, variant: null, value: true, reason: 'TARGETING_MATCH' },
        'cs-bool-off': { enabled: false, variant: null, value: false, reason: 'DISABLED' },
        'cs-colour': { enabled: true, variant: 'blue', value: '#00f', reason: 'STATIC' },
        'cs-fallback': { enabled: false, variant: 'classic', value: 'classic', reason: 'DEFAULT' },
        'cs-layout': { enabled: true, variant: 'grid', value: { columns: 3 }, reason: 'STATIC' },
        'cs-limit': { enabled: true, variant: 'ten', value: 10, reason: 'STATIC' },
        'cs-off': { enabled: false, variant: null, reason: 'DISABLED' },
        'cs-targeted': { enabled: false, variant: null, value: false, reason: 'DEFAULT' },
        'cs-unvalued': { enabled: true, variant: 'plain', reason: 'STATIC' },
      },
    });
  });

  it('answers exactly the ClientResults schema it documents: every field declared, none undeclared', async () => {
    const response = await asClient.post(EVALUATE, { context: member });
    expect(clientResultsSchema.parse(response.body)).toEqual(response.body);
  });

  it('evaluates rules and segments against the context it is sent', async () => {
    const outsider = await asClient.post(EVALUATE, { context: { ...member, country: 'elsewhere' } });
    expect(outsider.json.flags).toMatchObject({
      'cs-banner': { enabled: false, reason: 'DEFAULT' },
      'cs-targeted': { enabled: false },
    });
    const targeted = await asClient.post(EVALUATE, { context: { userId: 'user-7' } });
    expect(targeted.json.flags).toMatchObject({
      'cs-banner': { enabled: false },
      'cs-fallback': { enabled: true, variant: 'wide', value: 'wide', reason: 'TARGETING_MATCH' },
      'cs-targeted': { enabled: true, value: true },
    });
    const anonymous = await asClient.post(EVALUATE, {});
    expect(anonymous.status).toBe(200);
    expect(Object.keys(anonymous.json.flags ?? {})).toEqual([...CLIENT_FLAG_KEYS]);
  });

  it('never sends rules, segments or flags that are not clientSide, in the raw bytes', async () => {
    for (const context of [member, {}, { userId: 'user-7' }]) {
      const response = await t.app.request(EVALUATE, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.clientKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ context }),
      });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(text).toContain('cs-banner');
      for (const word of HIDDEN_WORDS) expect(text).not.toContain(word);
    }
  });

  it('follows changes to the environment', async () => {
    const before = await asClient.post(EVALUATE, { context: member });
    const config = await t.get('/api/v1/flags/cs-off/environments/production');
    await t.post(
      '/api/v1/flags/cs-off/environments/production/revive',
      {},
      { 'if-match': String(config.headers.get('etag')) },
    );
    await t.environments.resync();
    const after = await asClient.post(EVALUATE, { context: member });
    expect(after.json.version).toBe(Number(before.json.version) + 1);
    expect(after.json.flags).toMatchObject({
      'cs-off': { enabled: true, variant: 'red', value: '#f00', reason: 'STATIC' },
    });
  });

  it('accepts the client key as ?key= for browsers that cannot set headers', async () => {
    const response = await asClient.request('POST', `${EVALUATE}?key=${encodeURIComponent(keys.clientKey)}`, {
      body: { context: member },
      key: null,
    });
    expect(response.status).toBe(200);
    expect(response.json.flags).toMatchObject({ 'cs-banner': { enabled: true } });
    const flagsAsAdminByQuery = await asClient.request('GET', `/api/v1/flags?key=${encodeURIComponent(t.adminKey)}`, {
      key: null,
    });
    expect(flagsAsAdminByQuery.status).toBe(401);
  });

  it('answers for the environment the client key is bound to', async () => {
    const development = createClient(t.app, await createKey(t, 'client', 'development'));
    const response = await development.post(EVALUATE, { context: member });
    expect(response.status).toBe(200);
    expect(response.json.flags).toMatchObject({
      'cs-banner': { enabled: false, reason: 'DISABLED' },
      'cs-colour': { enabled: false },
    });
    expect(response.json.version).not.toBe((await asClient.post(EVALUATE, {})).json.version);
  });

  it('validates the body, naming the field', async () => {
    const rejects = (body: unknown, path: string) =>
      expectRejected(t, () => asClient.post(EVALUATE, body), { status: 400, code: 'validation_failed', path });
    await rejects({ context: 'user-7' }, 'context');
    await rejects({ context: ['user-7'] }, 'context');
    await rejects({ context: { plan: { tier: 'pro' } } }, 'context.plan');
    await rejects({ context: { tags: ['a'] } }, 'context.tags');
    await rejects({ context: {}, extra: true }, 'extra');
    await expectRejected(
      t,
      () =>
        asClient.request('POST', EVALUATE, { rawBody: '{"context":', headers: { 'content-type': 'application/json' } }),
      { status: 400, code: 'validation_failed' },
    );
  });

  it('needs a live client key: 401 without one, 403 for other kinds', async () => {
    await expectRejected(t, () => asClient.request('POST', EVALUATE, { body: {}, key: null }), {
      status: 401,
      code: 'unauthorized',
    });
    await expectRejected(t, () => asClient.request('POST', EVALUATE, { body: {}, key: 'rpc_nope_nope' }), {
      status: 401,
      code: 'unauthorized',
    });
    await expectRejected(t, () => createClient(t.app, keys.serverKey).post(EVALUATE, {}), {
      status: 403,
      code: 'forbidden',
    });
    await expectRejected(t, () => t.post(EVALUATE, {}), { status: 403, code: 'forbidden' });
    await expectRejected(t, () => asClient.get('/api/v1/flags'), { status: 403, code: 'forbidden' });
  });
});
