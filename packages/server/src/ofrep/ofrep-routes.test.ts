import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_FLAG_KEYS, createKey, HIDDEN_WORDS, seedClientFlags } from '../test-support/client-flags.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

const SINGLE = '/ofrep/v1/evaluate/flags';
const member = { targetingKey: 'u1', plan: 'zz-platinum', country: 'zz-atlantis' };

describe('OFREP', () => {
  let t: TestApp;
  let keys: { clientKey: string; serverKey: string };
  beforeEach(async () => {
    t = await createTestApp();
    keys = await seedClientFlags(t);
  });
  afterEach(() => t.close());

  async function send(
    path: string,
    options: { key?: string | null; body?: string; headers?: Record<string, string> } = {},
  ) {
    const key = options.key === undefined ? keys.clientKey : options.key;
    const response = await t.app.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
        ...options.headers,
      },
      body: options.body ?? '{}',
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  }
  const evaluate = (flag: string, context: unknown = member, key?: string) =>
    send(`${SINGLE}/${encodeURIComponent(flag)}`, {
      body: JSON.stringify({ context }),
      ...(key === undefined ? {} : { key }),
    });
  const bulk = (context: unknown = member, options: { key?: string; headers?: Record<string, string> } = {}) =>
    send(SINGLE, { body: JSON.stringify({ context }), ...options });

  describe('single evaluation', () => {
    it('answers value, reason and variant for each type', async () => {
      expect((await evaluate('cs-banner')).body).toEqual({ key: 'cs-banner', reason: 'TARGETING_MATCH', value: true });
      expect((await evaluate('cs-colour')).body).toEqual({
        key: 'cs-colour',
        reason: 'STATIC',
        variant: 'blue',
        value: '#00f',
      });
      expect((await evaluate('cs-limit')).body).toEqual({
        key: 'cs-limit',
        reason: 'STATIC',
        variant: 'ten',
        value: 10,
      });
      expect((await evaluate('cs-layout')).body).toEqual({
        key: 'cs-layout',
        reason: 'STATIC',
        variant: 'grid',
        value: { columns: 3 },
      });
      const response = await evaluate('cs-banner');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('answers false for a boolean flag that is off, and no value when no variant value applies', async () => {
      expect((await evaluate('cs-bool-off')).body).toEqual({ key: 'cs-bool-off', reason: 'DISABLED', value: false });
      expect((await evaluate('cs-banner', {})).body).toEqual({ key: 'cs-banner', reason: 'DEFAULT', value: false });
      const off = await evaluate('cs-off');
      expect([off.status, off.body]).toEqual([200, { key: 'cs-off', reason: 'DISABLED' }]);
      expect((await evaluate('cs-unvalued')).body).toEqual({ key: 'cs-unvalued', reason: 'STATIC', variant: 'plain' });
    });

    it("answers the default variant and its value when no rule matches, and the matching rule's otherwise", async () => {
      expect((await evaluate('cs-fallback')).body).toEqual({
        key: 'cs-fallback',
        reason: 'DEFAULT',
        variant: 'classic',
        value: 'classic',
      });
      expect((await evaluate('cs-fallback', { targetingKey: 'user-7' })).body).toEqual({
        key: 'cs-fallback',
        reason: 'TARGETING_MATCH',
        variant: 'wide',
        value: 'wide',
      });
    });

    it('reads targetingKey as userId, unless the context names userId itself', async () => {
      expect((await evaluate('cs-targeted', { targetingKey: 'user-7' })).body).toMatchObject({ value: true });
      expect((await evaluate('cs-targeted', { targetingKey: 'user-8' })).body).toMatchObject({ value: false });
      expect((await evaluate('cs-targeted', { targetingKey: 'user-8', userId: 'user-7' })).body).toMatchObject({
        value: true,
      });
      expect((await evaluate('cs-targeted', { targetingKey: 'user-7', userId: 'user-8' })).body).toMatchObject({
        value: false,
      });
    });

    it('answers 404 FLAG_NOT_FOUND for a missing flag, and for a non-clientSide flag asked with a client key', async () => {
      for (const flag of ['nope', 'srv-zz-secret']) {
        const response = await evaluate(flag);
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ key: flag, errorCode: 'FLAG_NOT_FOUND', errorDetails: expect.any(String) });
      }
      const asServer = await evaluate('srv-zz-secret', member, keys.serverKey);
      expect([asServer.status, asServer.body]).toEqual([
        200,
        { key: 'srv-zz-secret', reason: 'STATIC', value: true, metadata: { ruleId: 'rule-zz-hidden-server' } },
      ]);
    });

    it('answers 400 PARSE_ERROR for a body that is not a JSON object, and INVALID_CONTEXT naming the attribute', async () => {
      const cases: [string, string, RegExp][] = [
        ['{"context":', 'PARSE_ERROR', /JSON/],
        ['[1]', 'PARSE_ERROR', /object/],
        ['{"context":"u1"}', 'INVALID_CONTEXT', /^context: /],
        ['{"context":{"plan":{"tier":"pro"}}}', 'INVALID_CONTEXT', /^context\.plan: /],
        ['{"context":{"tags":["a"]}}', 'INVALID_CONTEXT', /^context\.tags: /],
      ];
      for (const [body, errorCode, details] of cases) {
        const response = await send(`${SINGLE}/cs-banner`, { body });
        expect(response.status, body).toBe(400);
        expect(response.body).toEqual({ key: 'cs-banner', errorCode, errorDetails: expect.stringMatching(details) });
      }
      expect((await send(`${SINGLE}/cs-banner`, { body: '' })).body).toEqual({
        key: 'cs-banner',
        reason: 'DEFAULT',
        value: false,
      });
    });

    it('needs a client or server key: 401 without a live one, 403 for an admin key', async () => {
      expect((await send(`${SINGLE}/cs-banner`, { key: null })).status).toBe(401);
      expect((await send(`${SINGLE}/cs-banner`, { key: 'rps_nope_nope' })).status).toBe(401);
      expect((await send(`${SINGLE}/cs-banner`, { key: t.adminKey })).status).toBe(403);
      expect((await send(`${SINGLE}/cs-banner?key=${encodeURIComponent(keys.clientKey)}`, { key: null })).status).toBe(
        401,
      );
    });
  });

  describe('bulk evaluation', () => {
    it('answers every flag the key may see: clientSide flags for a client key, all for a server key', async () => {
      const asClient = await bulk();
      expect(asClient.status).toBe(200);
      const flags = (asClient.body as { flags: { key: string }[] }).flags;
      expect(flags.map((flag) => flag.key)).toEqual([...CLIENT_FLAG_KEYS]);
      expect(flags).toContainEqual({ key: 'cs-colour', reason: 'STATIC', variant: 'blue', value: '#00f' });
      expect(flags).toContainEqual({ key: 'cs-fallback', reason: 'DEFAULT', variant: 'classic', value: 'classic' });
      expect(flags).toContainEqual({ key: 'cs-off', reason: 'DISABLED' });
      const asServer = await bulk(member, { key: keys.serverKey });
      expect((asServer.body as { flags: { key: string }[] }).flags.map((flag) => flag.key)).toEqual([
        ...CLIENT_FLAG_KEYS,
        'srv-zz-secret',
      ]);
    });

    it('tags the answer with an ETag that depends on the context, and answers 304 to If-None-Match', async () => {
      const first = await bulk();
      const etag = String(first.headers.get('etag'));
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
      const same = await bulk({ country: 'zz-atlantis', plan: 'zz-platinum', targetingKey: 'u1' });
      expect(same.headers.get('etag')).toBe(etag);
      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const unchanged = await bulk(member, { headers: { 'if-none-match': header } });
        expect([unchanged.status, unchanged.text, unchanged.headers.get('etag')]).toEqual([304, '', etag]);
      }
      const otherContext = await bulk({ ...member, plan: 'free' }, { headers: { 'if-none-match': etag } });
      expect(otherContext.status).toBe(200);
      expect(otherContext.headers.get('etag')).not.toBe(etag);
      const otherKind = await bulk(member, { key: keys.serverKey, headers: { 'if-none-match': etag } });
      expect(otherKind.status).toBe(200);
    });

    it('changes the ETag when the environment changes', async () => {
      const etag = String((await bulk()).headers.get('etag'));
      await t.post('/api/v1/flags/cs-off/environments/production/revive', {});
      await t.environments.resync();
      const changed = await bulk(member, { headers: { 'if-none-match': etag } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect((changed.body as { flags: unknown[] }).flags).toContainEqual({
        key: 'cs-off',
        reason: 'STATIC',
        variant: 'red',
        value: '#f00',
      });
    });

    it('answers 400 with an errorCode for a bad request', async () => {
      const parse = await send(SINGLE, { body: 'nope' });
      expect([parse.status, parse.body]).toEqual([400, { errorCode: 'PARSE_ERROR', errorDetails: expect.any(String) }]);
      const context = await send(SINGLE, { body: '{"context":{"when":{"day":1}}}' });
      expect([context.status, context.body]).toEqual([
        400,
        { errorCode: 'INVALID_CONTEXT', errorDetails: expect.stringMatching(/^context\.when: /) },
      ]);
      expect((await send(SINGLE, { key: null })).status).toBe(401);
      expect((await send(SINGLE, { key: t.adminKey })).status).toBe(403);
    });

    it('serves the environment the key is bound to', async () => {
      const development = await bulk(member, { key: await createKey(t, 'server', 'development') });
      expect((development.body as { flags: unknown[] }).flags).toContainEqual({ key: 'cs-colour', reason: 'DISABLED' });
    });
  });

  it('never sends rules, segments or non-clientSide flags to a client key, in the raw bytes', async () => {
    const texts = [(await bulk()).text, (await bulk({})).text];
    for (const flag of [...CLIENT_FLAG_KEYS, 'nope']) texts.push((await evaluate(flag)).text);
    for (const text of texts) {
      for (const word of HIDDEN_WORDS) expect(text).not.toContain(word);
    }
    expect(texts.join('\n')).toContain('cs-banner');
    // Asking for a hidden flag by name tells nothing more than asking for one that does not exist.
    const hidden = await evaluate('srv-zz-secret');
    const missing = await evaluate('zz-missing');
    expect([hidden.status, hidden.text.replaceAll('srv-zz-secret', 'zz-missing')]).toEqual([
      missing.status,
      missing.text,
    ]);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const document = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths['/ofrep/v1/evaluate/flags/{key}'] ?? {})).toEqual(['post']);
    expect(Object.keys(document.paths['/ofrep/v1/evaluate/flags'] ?? {})).toEqual(['post']);
    expect(Object.keys(document.paths['/api/v1/client/evaluate'] ?? {})).toEqual(['post']);
  });
});
