import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

const DOCUMENT = {
  version: 2,
  features: [
    {
      name: 'new-checkout',
      enabled: true,
      type: 'release',
      strategies: [
        {
          id: 's1',
          name: 'flexibleRollout',
          parameters: { rollout: '25', stickiness: 'default', groupId: 'checkout' },
          constraints: [{ contextName: 'country', operator: 'IN', values: ['NL', ' BE '] }],
          segments: [1],
        },
      ],
    },
    {
      name: 'banner',
      enabled: false,
      strategies: [],
      variants: [
        { name: 'blue', weight: 500, payload: { type: 'string', value: '#00f' }, stickiness: 'default' },
        { name: 'red', weight: 500, payload: { type: 'string', value: '#f00' } },
      ],
    },
    { name: 'child', enabled: true, strategies: [{ name: 'default' }], dependencies: [{ feature: 'new-checkout' }] },
  ],
  segments: [{ id: 1, name: 'beta', constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }] }],
};

// An export as Unleash gives it: a titled standard strategy, then a custom one.
const WITH_CUSTOM_STRATEGY = {
  version: 2,
  features: [
    {
      name: 'checkout',
      enabled: true,
      strategies: [
        {
          id: 'a1',
          name: 'flexibleRollout',
          title: 'Beta countries',
          parameters: { rollout: '40', stickiness: 'default', groupId: 'checkout' },
          constraints: [{ contextName: 'country', operator: 'IN', values: ['NL'] }],
        },
        {
          id: 'b2',
          name: 'myCustom',
          parameters: { office: 'Utrecht' },
          constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }],
        },
      ],
    },
    { name: 'search', enabled: true, strategies: [{ name: 'default' }] },
  ],
};

const NOT_CARRIED = [
  {
    flag: 'checkout',
    environment: 'production',
    ruleId: 'b2',
    strategy: { id: 'b2', name: 'myCustom' },
    reasons: [
      {
        code: 'custom_strategy',
        message: "custom strategy 'myCustom': only the Unleash SDKs that implement it know what it means",
      },
    ],
  },
];

const IMPORT = '/api/v1/import/unleash?environment=production';

describe('Unleash import', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('returns the plan on a dry run and stores nothing', async () => {
    const before = await t.fingerprint();
    const plan = await t.post(`${IMPORT}&dryRun=true`, DOCUMENT);
    expect(plan.status).toBe(200);
    expect(plan.body).toEqual({
      environment: 'production',
      dryRun: true,
      flags: [
        { key: 'new-checkout', action: 'create' },
        { key: 'banner', action: 'create' },
        { key: 'child', action: 'create' },
      ],
      segments: [{ key: 'unleash-segment-1', action: 'create' }],
      notCarried: [],
    });
    expect(await t.fingerprint()).toBe(before);
    expect(t.publications).toEqual([]);
  });

  it('imports into one environment, leaves the others off, and audits each object', async () => {
    const result = await t.post(IMPORT, DOCUMENT);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ dryRun: false });
    const checkout = await t.get('/api/v1/flags/new-checkout/environments/production');
    expect(checkout.body).toMatchObject({
      enabled: true,
      version: 1,
      rules: [
        {
          id: 's1',
          segments: ['unleash-segment-1'],
          conditions: [{ attribute: 'country', operator: 'in', values: ['NL', 'BE'] }],
          rollout: { percentage: 25, bucketBy: ['userId', 'sessionId', '$random'], salt: 'checkout' },
        },
      ],
    });
    expect((await t.get('/api/v1/flags/banner')).body).toMatchObject({
      type: 'string',
      environments: {
        production: {
          variants: [
            { key: 'blue', value: '#00f', weight: 500 },
            { key: 'red', value: '#f00', weight: 500 },
          ],
        },
        development: { enabled: false, variants: [] },
      },
    });
    expect((await t.get('/api/v1/flags/child/environments/production')).body).toMatchObject({
      prerequisites: [{ flag: 'new-checkout', enabled: true }],
    });
    expect((await t.get('/api/v1/segments/unleash-segment-1')).body).toMatchObject({ name: 'beta' });
    const actions = ((await t.get('/api/v1/audit')).json.entries as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'flag.imported')).toHaveLength(3);
    expect(actions.filter((a) => a === 'segment.imported')).toHaveLength(1);
    expect(t.publications).toEqual([
      { environment: 'development', version: 1 },
      { environment: 'production', version: 1 },
    ]);
  });

  it('leaves everything alone when the same document is imported again', async () => {
    await t.post(IMPORT, DOCUMENT);
    const before = await t.fingerprint();
    const again = await t.post(IMPORT, DOCUMENT);
    expect(again.body).toMatchObject({
      flags: [{ action: 'unchanged' }, { action: 'unchanged' }, { action: 'unchanged' }],
      segments: [{ action: 'unchanged' }],
    });
    expect(await t.fingerprint()).toBe(before);
  });

  it('updates an existing flag in the target environment only', async () => {
    await t.post('/api/v1/flags', { key: 'new-checkout', owner: 'payments' });
    const plan = await t.post(IMPORT, DOCUMENT);
    expect((plan.json.flags as unknown[])[0]).toEqual({ key: 'new-checkout', action: 'update' });
    expect((await t.get('/api/v1/flags/new-checkout')).body).toMatchObject({
      owner: 'payments',
      environments: { production: { enabled: true, version: 2 }, development: { enabled: false, version: 1 } },
    });
  });

  it('refuses documents it cannot map or whose data would not validate, storing nothing', async () => {
    const rejects = (body: unknown, path: string, query = IMPORT) =>
      expectRejected(t, () => t.post(query, body), { status: 400, code: 'validation_failed', path });
    await rejects({ flags: [] }, 'features');
    await rejects({ features: [null] }, 'features.0');
    await rejects(
      {
        features: [
          {
            name: 'x',
            strategies: [
              { name: 'default', constraints: [{ contextName: 'v', operator: 'SEMVER_GT', value: 'not-a-version' }] },
            ],
          },
        ],
      },
      'flags.x.rules.0.conditions.0.values',
    );
    await rejects({ features: [{ name: 'a b', strategies: [] }] }, 'flags.a b.key');
    await rejects(
      { features: [{ name: 'x', strategies: [{ name: 'default', segments: [9] }] }] },
      'flags.x.rules.0.segments.0',
    );
    await rejects(DOCUMENT, 'environment', '/api/v1/import/unleash');
    await expectRejected(t, () => t.post('/api/v1/import/unleash?environment=staging', DOCUMENT), {
      status: 404,
      code: 'not_found',
    });
  });

  describe('strategies it cannot carry over', () => {
    it('lists them in the dry run, storing nothing', async () => {
      const before = await t.fingerprint();
      const plan = await t.post(`${IMPORT}&dryRun=true`, WITH_CUSTOM_STRATEGY);
      expect(plan.status).toBe(200);
      expect(plan.json.notCarried).toEqual(NOT_CARRIED);
      expect(await t.fingerprint()).toBe(before);
    });

    it('lists them in the import, keeps their rules off and names every rule by its strategy', async () => {
      const result = await t.post(IMPORT, WITH_CUSTOM_STRATEGY);
      expect(result.status).toBe(200);
      expect(result.json.notCarried).toEqual(NOT_CARRIED);
      expect((await t.get('/api/v1/flags/checkout/environments/production')).body).toMatchObject({
        rules: [
          { id: 'a1', name: 'Beta countries', rollout: { percentage: 40 } },
          {
            id: 'b2',
            name: 'myCustom',
            conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }],
            rollout: { percentage: 0 },
          },
        ],
      });
      expect((await t.get('/api/v1/flags/search/environments/production')).body).toMatchObject({
        rules: [{ name: 'default', rollout: { percentage: 100 } }],
      });
    });

    it('counts them in the audit entry of their flag', async () => {
      await t.post(IMPORT, WITH_CUSTOM_STRATEGY);
      const entries = (await t.get('/api/v1/audit')).json.entries as { target: string; reason?: string }[];
      expect(Object.fromEntries(entries.map((entry) => [entry.target, entry.reason]))).toEqual({
        checkout: 'Unleash import; 1 strategy not carried over, imported off (0 %)',
        search: 'Unleash import',
      });
    });
  });
});
