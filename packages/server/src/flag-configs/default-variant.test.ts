import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKey } from '../test-support/client-flags.js';
import { errorDetails, expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

const LAYOUT = '/api/v1/flags/layout/environments/production';
const SWITCH = '/api/v1/flags/switch/environments/production';
const variants = [
  { key: 'wide', value: 'wide', weight: 1 },
  { key: 'classic', value: 'classic', weight: 0 },
];
const onlyPro = [
  { conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }], rollout: { percentage: 100 } },
];

describe('default variants and the values of variants', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await t.post('/api/v1/flags', { key: 'layout', type: 'string', clientSide: true });
    await t.post('/api/v1/flags', { key: 'switch' });
  });
  afterEach(() => t.close());

  const replace = (path: string, body: unknown, version = 1) => t.put(path, body, { 'if-match': `"${version}"` });
  const refused = (path: string, body: unknown, field: string, version = 1) =>
    expectRejected(t, () => replace(path, body, version), { status: 400, code: 'validation_failed', path: field });

  it('stores a default variant and delivers it in the snapshot and the audit log', async () => {
    const saved = await replace(LAYOUT, { enabled: true, rules: onlyPro, variants, defaultVariant: 'classic' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ defaultVariant: 'classic', version: 2 });
    expect((await t.get(LAYOUT)).body).toMatchObject({ defaultVariant: 'classic' });
    const snapshot = await t.request('GET', '/api/v1/sdk/flags', { key: await createKey(t, 'server', 'production') });
    expect(snapshot.json.flags).toContainEqual(expect.objectContaining({ key: 'layout', defaultVariant: 'classic' }));
    const audit = await t.get('/api/v1/audit?flag=layout');
    expect(audit.json.entries).toContainEqual(
      expect.objectContaining({ after: expect.objectContaining({ defaultVariant: 'classic' }) }),
    );
  });

  it('serves it to contexts no rule matches, off, through /client/evaluate', async () => {
    await replace(LAYOUT, { enabled: true, rules: onlyPro, variants, defaultVariant: 'classic' });
    await t.environments.resync();
    const client = await createKey(t, 'client', 'production');
    const evaluated = (context: Record<string, string>) =>
      t.request('POST', '/api/v1/client/evaluate', { body: { context }, key: client });
    expect((await evaluated({ plan: 'free' })).json.flags).toEqual({
      layout: { enabled: false, variant: 'classic', value: 'classic', reason: 'DEFAULT' },
    });
    expect((await evaluated({ plan: 'pro', userId: 'u1' })).json.flags).toEqual({
      layout: { enabled: true, variant: 'wide', value: 'wide', reason: 'TARGETING_MATCH' },
    });
  });

  it('drops it when a replacement leaves it out', async () => {
    await replace(LAYOUT, { enabled: true, variants, defaultVariant: 'classic' });
    const replaced = await replace(LAYOUT, { enabled: true, variants }, 2);
    expect(replaced.body).not.toHaveProperty('defaultVariant');
  });

  it('refuses a default variant that names no flag-level variant', async () => {
    const response = await refused(LAYOUT, { enabled: true, variants, defaultVariant: 'narrow' }, 'defaultVariant');
    expect(errorDetails(response)).toContainEqual({
      path: 'defaultVariant',
      message: "must name a flag-level variant, and 'narrow' is not one of the keys in variants",
    });
    await refused(LAYOUT, { enabled: true, defaultVariant: 'wide' }, 'defaultVariant');
    const ruleOnly = { enabled: true, rules: [{ rollout: { percentage: 100 }, variants }], defaultVariant: 'wide' };
    await refused(LAYOUT, ruleOnly, 'defaultVariant');
  });

  it('refuses a default variant on a boolean flag', async () => {
    const keys = [{ key: 'on', weight: 1 }];
    const response = await refused(SWITCH, { enabled: true, variants: keys, defaultVariant: 'on' }, 'defaultVariant');
    expect((response.json.error as { message: string }).message).toBe(
      'defaultVariant: must be absent: a boolean flag has no default variant, as it is off when no rule matches',
    );
  });

  it("refuses a value on a boolean flag's variants, flag-level or in a rule, naming the field", async () => {
    const response = await refused(
      SWITCH,
      { enabled: true, variants: [{ key: 'on', value: true, weight: 1 }] },
      'variants.0.value',
    );
    expect((response.json.error as { message: string }).message).toBe(
      "variants.0.value: must be absent: a boolean flag's variants carry no value, as its value is on or off",
    );
    const inRule = {
      enabled: true,
      rules: [{ rollout: { percentage: 100 }, variants: [{ key: 'a', value: 'x', weight: 1 }] }],
    };
    await refused(SWITCH, inRule, 'rules.0.variants.0.value');
    expect((await replace(SWITCH, { enabled: true, variants: [{ key: 'on', weight: 1 }] })).status).toBe(200);
  });

  it('refuses to make a flag boolean while a configuration has a default variant or variant values', async () => {
    await replace(LAYOUT, { enabled: true, variants: [{ key: 'wide', weight: 1 }], defaultVariant: 'wide' });
    const response = await expectRejected(t, () => t.patch('/api/v1/flags/layout', { type: 'boolean' }), {
      status: 409,
      code: 'conflict',
    });
    expect((response.json.error as { message: string }).message).toMatch(
      /^cannot make 'layout' a boolean flag: in production, defaultVariant must be absent/,
    );
  });

  it('still kills, revives and ramps a configuration stored with values on a boolean flag’s variants', async () => {
    // Stored before the server refused such values: they were never served, and must not block a kill.
    const legacy = [{ key: 'on', value: true, weight: 1 }];
    await t.store.transaction(async (tx) => {
      const current = await tx.getFlagConfig('switch', 'production');
      if (current !== undefined) await tx.putFlagConfig({ ...current, enabled: true, variants: legacy });
    });
    expect((await t.post(`${SWITCH}/kill`, {})).status).toBe(200);
    expect((await t.post(`${SWITCH}/revive`, {})).status).toBe(200);
    expect((await t.post(`${SWITCH}/ramp`, { percentage: 50 })).status).toBe(200);
    const config = await t.get(SWITCH);
    expect(config.json.variants).toEqual(legacy);
    // What a replacement brings in is checked as ever.
    const changed = { enabled: true, variants: [{ key: 'off', value: false, weight: 1 }] };
    await refused(SWITCH, changed, 'variants.0.value', Number(config.json.version));
  });
});
