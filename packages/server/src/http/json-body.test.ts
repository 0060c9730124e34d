import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-body.js';

/** `[[[…"x"…]]]`, `depth` arrays deep. */
const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not scalars', () => {
    expect(nestsDeeperThan('x', 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 2)).toBe(true);
    expect(nestsDeeperThan(nested(100_000), 64)).toBe(true);
  });
});

describe('JSON request bodies', () => {
  let t: TestApp;
  const CONFIG = '/api/v1/flags/settings/environments/production';
  beforeEach(async () => {
    t = await createTestApp();
    await t.post('/api/v1/flags', { key: 'settings', type: 'json' });
  });
  afterEach(() => t.close());

  const putVariant = (value: unknown) =>
    t.put(CONFIG, { enabled: true, variants: [{ key: 'v', value, weight: 1 }] }, { 'if-match': '1' });

  it(`keeps values nested ${MAX_JSON_DEPTH} levels deep, counting the body's own`, async () => {
    // The body, the variants array and the variant object are three of the levels.
    const answer = await putVariant(nested(MAX_JSON_DEPTH - 3));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  });

  it('refuses deeper nesting with 400, and no stack overflow, whatever the route', async () => {
    for (const depth of [MAX_JSON_DEPTH - 2, 2_300]) {
      const rejected = await expectRejected(t, () => putVariant(nested(depth)), {
        status: 400,
        code: 'validation_failed',
      });
      expect(rejected.json.error).toMatchObject({ message: `the body nests deeper than ${MAX_JSON_DEPTH} levels` });
    }
    await expectRejected(t, () => t.post('/api/v1/import/unleash', { version: 1, features: nested(2_300) }), {
      status: 400,
      code: 'validation_failed',
    });
  });

  it('refuses a body that is not UTF-8, and stores nothing', async () => {
    const name = new TextEncoder().encode('{"key":"bad-bytes","description":"caf');
    const body = new Uint8Array([...name, 0xe9, ...new TextEncoder().encode('"}')]);
    const rejected = await expectRejected(
      t,
      async () => {
        const response = await t.app.request('/api/v1/flags', {
          method: 'POST',
          headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
          body,
        });
        const json: unknown = await response.json();
        return { status: response.status, headers: response.headers, body: json, json: { ...(json as object) } };
      },
      { status: 400, code: 'validation_failed' },
    );
    expect(rejected.json.error).toMatchObject({ message: 'the body is not valid UTF-8' });
  });

  it('still reads well-formed UTF-8 beyond ASCII', async () => {
    const created = await t.post('/api/v1/flags', { key: 'café', description: 'naïve ☕ 😀' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'café', description: 'naïve ☕ 😀' });
  });

  it('checks the bodies of routes whose keys happen to be kill or revive', async () => {
    expect((await t.post('/api/v1/environments', { key: 'kill', name: 'Kill' })).status).toBe(201);
    const rejected = await expectRejected(
      t,
      () =>
        t.put(
          '/api/v1/flags/settings/environments/kill',
          { enabled: true, variants: [{ key: 'v', value: nested(200), weight: 1 }] },
          { 'if-match': '1' },
        ),
      { status: 400, code: 'validation_failed' },
    );
    expect(rejected.json.error).toMatchObject({ message: `the body nests deeper than ${MAX_JSON_DEPTH} levels` });
  });
});
