import { OPERATORS } from '@rampart/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-support/test-app.js';

const RUNS = 2_500;

const anyJson = fc.jsonValue({ maxDepth: 3 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(arbitrary, anyJson);
const key = fc.oneof(
  fc.constantFrom('a', 'b', 's', 'missing', '', 'a/b', 'x y'),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const chain = maybe(fc.array(fc.constantFrom('userId', 'sessionId', '$random', ''), { maxLength: 3 }));

const condition = fc.record(
  {
    attribute: maybe(fc.constantFrom('email', 'plan', '')),
    operator: maybe(fc.constantFrom(...OPERATORS, 'bogus', 'IN')),
    values: maybe(
      fc.array(fc.oneof(fc.string(), fc.constantFrom('1.2.3', '10.0.0.0/8', '2030-01-01', '(', '42')), {
        maxLength: 3,
      }),
    ),
    negate: maybe(fc.boolean()),
    caseInsensitive: maybe(fc.boolean()),
  },
  { requiredKeys: [] },
);
const variant = fc.record(
  {
    key: maybe(fc.constantFrom('a', 'b', '')),
    value: anyJson,
    weight: maybe(fc.integer({ min: -2, max: 1_000 })),
    overrides: maybe(fc.array(fc.record({ attribute: fc.string(), values: fc.array(fc.string()) }), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const rule = fc.record(
  {
    id: maybe(fc.constantFrom('r1', 'r2', '')),
    name: maybe(fc.string()),
    segments: maybe(fc.array(fc.constantFrom('s', 'missing', ''), { maxLength: 2 })),
    conditions: maybe(fc.array(condition, { maxLength: 2 })),
    rollout: maybe(
      fc.record(
        {
          percentage: maybe(
            fc.oneof(fc.double({ min: -10, max: 110, noNaN: false }), fc.integer({ min: 0, max: 100 })),
          ),
          bucketBy: chain,
          salt: maybe(fc.string()),
        },
        { requiredKeys: [] },
      ),
    ),
    variants: maybe(fc.array(variant, { maxLength: 2 })),
    variantsBucketBy: chain,
  },
  { requiredKeys: [] },
);
const bodies = fc.oneof(
  anyJson,
  fc.record(
    {
      enabled: maybe(fc.boolean()),
      rules: maybe(fc.array(rule, { maxLength: 3 })),
      variants: maybe(fc.array(variant, { maxLength: 3 })),
      variantsBucketBy: chain,
      defaultVariant: maybe(fc.constantFrom('a', 'b', 'nope')),
      prerequisites: maybe(
        fc.array(
          fc.record(
            { flag: maybe(fc.constantFrom('a', 'b', 'missing')), enabled: maybe(fc.boolean()), variants: anyJson },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      key,
      type: maybe(fc.constantFrom('boolean', 'string', 'number', 'json')),
      tags: maybe(fc.array(fc.string(), { maxLength: 2 })),
      owner: anyJson,
      archived: maybe(fc.boolean()),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      percentage: maybe(fc.double({ min: -1, max: 101 })),
      ruleId: maybe(fc.constantFrom('r1', 'nope')),
      reason: anyJson,
    },
    { requiredKeys: [] },
  ),
  fc.record({ key, name: anyJson, conditions: maybe(fc.array(condition, { maxLength: 2 })) }, { requiredKeys: [] }),
  // Release plans: bodies that pass validation, so that plans exist for the actions to act on, and noise.
  fc.record(
    {
      steps: fc.constantFrom(
        [{ percentage: 100 }],
        [{ percentage: 10, holdSeconds: 0 }, { percentage: 100 }],
        [{ percentage: 5, holdSeconds: 600 }, { percentage: 50 }],
      ),
      startAt: fc.constantFrom('2029-01-01T00:00:00+01:00', '2030-06-01T09:00:00Z'),
      guard: fc.constantFrom({ event: 'errors' }, { event: 'errors', action: 'pause', alpha: 0.5, minExposures: 1 }),
    },
    { requiredKeys: ['steps'] },
  ),
  fc.record(
    {
      steps: maybe(
        fc.array(
          fc.record(
            {
              percentage: maybe(fc.oneof(fc.integer({ min: -1, max: 101 }), fc.double({ min: -1, max: 101 }))),
              holdSeconds: maybe(fc.oneof(fc.integer({ min: -1, max: 3_000_000 }), fc.double({ min: -1, max: 10 }))),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 4 },
        ),
      ),
      ruleId: maybe(fc.constantFrom('r1', 'nope', '')),
      startAt: maybe(
        fc.constantFrom('2030-01-01T00:00:00Z', '2029-01-01T00:00:00+01:00', '9999-12-31T23:59:59-23:59', 'soon'),
      ),
      guard: maybe(
        fc.record(
          {
            event: maybe(fc.string()),
            action: maybe(fc.constantFrom('kill', 'pause', 'stop')),
            alpha: maybe(fc.double({ min: -1, max: 1 })),
            minExposures: maybe(fc.integer({ min: -1, max: 1_000 })),
          },
          { requiredKeys: [] },
        ),
      ),
      reason: anyJson,
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      kind: maybe(fc.constantFrom('admin', 'server', 'client')),
      environment: maybe(fc.constantFrom('production', 'nope')),
      name: maybe(fc.string()),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      features: maybe(
        fc.array(
          fc.record(
            { name: maybe(fc.string()), enabled: anyJson, strategies: anyJson, variants: anyJson },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
      ),
      segments: anyJson,
    },
    { requiredKeys: [] },
  ),
);

const encode = (segment: string) => {
  try {
    return encodeURIComponent(segment);
  } catch {
    return '%E0%A4%A';
  }
};
const env = fc.constantFrom('production', 'development', 'nope');
const path = fc.oneof(
  fc.constantFrom(
    '/api/v1/environments',
    '/api/v1/flags',
    '/api/v1/segments',
    '/api/v1/keys',
    '/api/v1/audit',
    '/api/v1/import/unleash',
  ),
  key.map((k) => `/api/v1/flags/${encode(k)}`),
  fc
    .tuple(key, env, fc.constantFrom('', '/ramp', '/kill', '/revive'))
    .map(([k, e, action]) => `/api/v1/flags/${encode(k)}/environments/${e}${action}`),
  key.map((k) => `/api/v1/segments/${encode(k)}`),
  key.map((k) => `/api/v1/keys/${encode(k)}`),
  fc.string().map((s) => `/api/v1/${s.replace(/[?#]/g, '')}`),
);
const query = fc.dictionary(
  fc.constantFrom('tag', 'q', 'archived', 'limit', 'cursor', 'flag', 'environment', 'dryRun', 'x'),
  fc.oneof(fc.string(), fc.constantFrom('true', 'false', '0', '5', 'production')),
  { maxKeys: 3 },
);
const knownKey = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('a', 'b', 's') }, { weight: 1, arbitrary: key });
const configPath = fc.tuple(knownKey, env).map(([k, e]) => `/api/v1/flags/${encode(k)}/environments/${e}`);
// Mostly real routes with their own method, so that requests reach validation and the store.
const route: fc.Arbitrary<readonly [string, string]> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<readonly [string, string]>(
      ['GET', '/api/v1/environments'],
      ['POST', '/api/v1/environments'],
      ['GET', '/api/v1/flags'],
      ['POST', '/api/v1/flags'],
      ['GET', '/api/v1/segments'],
      ['POST', '/api/v1/segments'],
      ['GET', '/api/v1/keys'],
      ['POST', '/api/v1/keys'],
      ['GET', '/api/v1/audit'],
      ['POST', '/api/v1/import/unleash'],
    ),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(
      fc.constantFrom('GET', 'PATCH', 'DELETE'),
      knownKey.map((k) => `/api/v1/flags/${encode(k)}`),
    ),
  },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('GET', 'PUT'), configPath) },
  {
    weight: 4,
    arbitrary: fc.tuple(
      fc.constant('POST'),
      fc.tuple(configPath, fc.constantFrom('/ramp', '/kill', '/revive')).map(([p, a]) => `${p}${a}`),
    ),
  },
  {
    weight: 3,
    arbitrary: fc.oneof(
      fc.tuple(
        fc.constantFrom('GET', 'POST'),
        configPath.map((p) => `${p}/release`),
      ),
      fc.tuple(
        fc.constant('POST'),
        fc
          .tuple(configPath, fc.constantFrom('pause', 'resume', 'advance', 'abort'))
          .map(([p, action]) => `${p}/release/${action}`),
      ),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.constantFrom('GET', 'PUT', 'DELETE'),
      knownKey.map((k) => `/api/v1/segments/${encode(k)}`),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constant('DELETE'),
      key.map((k) => `/api/v1/keys/${encode(k)}`),
    ),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), path) },
);
const request = fc.record({
  route,
  query,
  body: fc.oneof(
    bodies.map((b) => JSON.stringify(b)),
    fc.string(),
    fc.constant(undefined),
  ),
  ifMatch: fc.option(fc.oneof(fc.constantFrom('"1"', '"2"', '"3"', '*', 'W/"1"'), fc.string())),
  contentType: fc.option(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/merge-patch+json',
    ),
  ),
});

describe('admin API under arbitrary requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.post('/api/v1/segments', { key: 's', conditions: [] });
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/flags', { key: 'b', type: 'string' });
    await t.put(
      '/api/v1/flags/a/environments/production',
      { enabled: true, rules: [{ id: 'r1', segments: ['s'], rollout: { percentage: 50 } }] },
      { 'if-match': '"1"' },
    );
    await t.post('/api/v1/flags/a/environments/production/release', {
      steps: [{ percentage: 10, holdSeconds: 600 }, { percentage: 100 }],
      ruleId: 'r1',
    });
  });
  afterAll(() => t.close());

  it(`never answers 5xx and never changes stored data when refusing (${RUNS} requests)`, async () => {
    let previous = await t.fingerprint();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const search = new URLSearchParams(r.query).toString();
        const headers: Record<string, string> = { authorization: `Bearer ${t.adminKey}` };
        if (r.ifMatch !== null) headers['if-match'] = r.ifMatch;
        if (r.contentType !== null) headers['content-type'] = r.contentType;
        const withBody = r.body !== undefined && r.route[0] !== 'GET';
        const [method, routePath] = r.route;
        const response = await t.app.request(`${routePath}${search === '' ? '' : `?${search}`}`, {
          method,
          headers,
          ...(withBody ? { body: r.body } : {}),
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${method} ${routePath} → ${text}`).toBeLessThan(500);
        const now = await t.fingerprint();
        if (response.status >= 400) {
          expect(now, `${method} ${routePath} answered ${response.status} but changed data`).toBe(previous);
          expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
        previous = now;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // The generator must reach past validation: some requests succeed and change data.
    expect(
      [...statuses.entries()].filter(([status]) => status < 300).reduce((sum, [, n]) => sum + n, 0),
    ).toBeGreaterThan(200);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
    expect(statuses.get(409) ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
