import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorDetails, expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

const CONFIG = '/api/v1/flags/a/environments/production';

describe('flag configurations', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/segments', {
      key: 'beta',
      conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }],
    });
  });
  afterEach(() => t.close());

  const put = (body: unknown, version: number | string = 1) =>
    t.put(CONFIG, body, { 'if-match': typeof version === 'number' ? `"${version}"` : version });

  it('reads a configuration with its ETag', async () => {
    const read = await t.get(CONFIG);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toMatchObject({ flag: 'a', environment: 'production', enabled: false, version: 1 });
  });

  it('takes a bare version in If-Match as the same ETag, and names both versions when it is stale', async () => {
    const replaced = await put({ enabled: true }, '1');
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe('"2"');
    const stale = await expectRejected(t, () => put({ enabled: false }, '1'), {
      status: 412,
      code: 'version_mismatch',
    });
    expect(stale.json.error).toMatchObject({
      message: 'the configuration is at version 2, but If-Match was 1; read it again and retry',
    });
  });

  it('404s an unknown flag or environment', async () => {
    await expectRejected(t, () => t.get('/api/v1/flags/nope/environments/production'), {
      status: 404,
      code: 'not_found',
    });
    await expectRejected(t, () => t.get('/api/v1/flags/a/environments/nope'), { status: 404, code: 'not_found' });
    await expectRejected(
      t,
      () => t.put('/api/v1/flags/a/environments/nope', { enabled: true }, { 'if-match': '"1"' }),
      { status: 404, code: 'not_found' },
    );
  });

  it('replaces the configuration, assigns stable rule ids, bumps the version and audits once', async () => {
    const first = await put({
      enabled: true,
      rules: [
        { name: 'beta users', segments: ['beta'], rollout: { percentage: 100 } },
        {
          id: 'mine',
          conditions: [{ attribute: 'country', operator: 'in', values: ['NL'] }],
          rollout: { percentage: 12.345, bucketBy: ['userId'], salt: '' },
        },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const rules = first.json.rules as { id: string }[];
    expect(rules[0]?.id).toMatch(/^[a-z2-7]{8}$/);
    expect(rules[1]?.id).toBe('mine');
    expect(first.body).toMatchObject({
      enabled: true,
      version: 2,
      rules: [{ segments: ['beta'], conditions: [] }, { rollout: { percentage: 12.345, salt: '' } }],
    });

    const again = await put({ ...first.json, enabled: false }, 2);
    expect(again.status).toBe(200);
    expect((again.json.rules as { id: string }[]).map((r) => r.id)).toEqual(rules.map((r) => r.id));

    const entries = (await t.get('/api/v1/audit?flag=a')).json.entries as { action: string; environment: string }[];
    expect(entries.map((e) => e.action)).toEqual(['config.replaced', 'config.replaced', 'flag.created']);
    expect(entries[0]?.environment).toBe('production');
    expect(t.publications.filter((p) => p.environment === 'production').map((p) => p.version)).toEqual([1, 2, 3, 4]);
  });

  it('requires If-Match (428) and refuses a stale one (412)', async () => {
    await expectRejected(t, () => t.put(CONFIG, { enabled: true }), { status: 428, code: 'precondition_required' });
    await expectRejected(t, () => put({ enabled: true }, 7), { status: 412, code: 'version_mismatch' });
    await expectRejected(t, () => put({ enabled: true }, 'W/"1"'), { status: 412, code: 'version_mismatch' });
    await expectRejected(t, () => put({ enabled: true }, 'garbage'), { status: 412, code: 'version_mismatch' });
    expect((await put({ enabled: true }, '"0", "1"')).status).toBe(200);
    await expectRejected(t, () => put({ enabled: false }, 1), { status: 412, code: 'version_mismatch' });
  });

  it('answers a replace that changes nothing with 200, no new version and no audit entry', async () => {
    await put({ enabled: true, rules: [{ id: 'r', rollout: { percentage: 5 } }] });
    const before = await t.fingerprint();
    const same = await put(
      { enabled: true, rules: [{ id: 'r', rollout: { percentage: 5 }, segments: [], conditions: [] }] },
      2,
    );
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe('"2"');
    expect(await t.fingerprint()).toBe(before);
  });

  describe('validation', () => {
    const rejects = (body: unknown, path: string) =>
      expectRejected(t, () => put(body), { status: 400, code: 'validation_failed', path });
    const rule = (extra: object) => ({ rollout: { percentage: 10 }, ...extra });

    it('refuses a missing or mistyped enabled, and unknown fields', async () => {
      await rejects({}, 'enabled');
      await rejects({ enabled: 'yes' }, 'enabled');
      await rejects({ enabled: true, rulez: [] }, 'rulez');
      await rejects({ enabled: true, rules: [rule({ percentage: 5 })] }, 'rules.0.percentage');
    });

    it('refuses percentages outside 0–100 or with more than three decimals', async () => {
      await rejects({ enabled: true, rules: [{ rollout: { percentage: 100.001 } }] }, 'rules.0.rollout.percentage');
      await rejects({ enabled: true, rules: [{ rollout: { percentage: -1 } }] }, 'rules.0.rollout.percentage');
      await rejects({ enabled: true, rules: [{ rollout: { percentage: 0.0001 } }] }, 'rules.0.rollout.percentage');
      await rejects({ enabled: true, rules: [{ rollout: { percentage: '5' } }] }, 'rules.0.rollout.percentage');
      await rejects({ enabled: true, rules: [{ rollout: {} }] }, 'rules.0.rollout.percentage');
      expect((await put({ enabled: true, rules: [{ rollout: { percentage: 99.999 } }] })).status).toBe(200);
    });

    it('refuses unknown operators and operands the operator cannot read', async () => {
      const condition = (operator: string, values: string[]) => ({
        enabled: true,
        rules: [rule({ conditions: [{ attribute: 'x', operator, values }] })],
      });
      await rejects(condition('bigger_than', ['1']), 'rules.0.conditions.0.operator');
      await rejects(condition('semver_gt', ['v1.0.0']), 'rules.0.conditions.0.values');
      await rejects(condition('num_gt', ['ten']), 'rules.0.conditions.0.values');
      await rejects(condition('date_after', ['yesterday']), 'rules.0.conditions.0.values');
      await rejects(condition('regex', ['(']), 'rules.0.conditions.0.values');
      await rejects(
        { enabled: true, rules: [rule({ conditions: [{ attribute: '', operator: 'in', values: [] }] })] },
        'rules.0.conditions.0.attribute',
      );
      await rejects(
        { enabled: true, rules: [rule({ conditions: [{ attribute: 'x', operator: 'in', values: [1] }] })] },
        'rules.0.conditions.0.values.0',
      );
      expect((await put(condition('semver_gte', ['1.2.3-beta.1']))).status).toBe(200);
    });

    it('refuses a rule naming a missing segment', async () => {
      const response = await rejects(
        { enabled: true, rules: [rule({ segments: ['beta', 'ghosts'] })] },
        'rules.0.segments.1',
      );
      expect(errorDetails(response)[0]?.message).toContain('ghosts');
    });

    it('refuses duplicate rule ids and variant keys', async () => {
      await rejects({ enabled: true, rules: [rule({ id: 'x' }), rule({}), rule({ id: 'x' })] }, 'rules.2.id');
      await rejects(
        {
          enabled: true,
          variants: [
            { key: 'v', weight: 1 },
            { key: 'v', weight: 1 },
          ],
        },
        'variants.1.key',
      );
      await rejects(
        {
          enabled: true,
          rules: [
            rule({
              variants: [
                { key: 'v', weight: 1 },
                { key: 'v', weight: 2 },
              ],
            }),
          ],
        },
        'rules.0.variants.1.key',
      );
    });

    it('refuses negative or fractional weights and overrides on rule variants', async () => {
      await rejects({ enabled: true, variants: [{ key: 'v', weight: -1 }] }, 'variants.0.weight');
      await rejects({ enabled: true, variants: [{ key: 'v', weight: 1.5 }] }, 'variants.0.weight');
      await rejects(
        { enabled: true, rules: [rule({ variants: [{ key: 'v', weight: 1, overrides: [] }] })] },
        'rules.0.variants.0.overrides',
      );
    });

    it('refuses variant values that do not match the flag type', async () => {
      await t.post('/api/v1/flags', { key: 's', type: 'string' });
      const path = '/api/v1/flags/s/environments/production';
      await expectRejected(
        t,
        () => t.put(path, { enabled: true, variants: [{ key: 'v', value: 3, weight: 1 }] }, { 'if-match': '"1"' }),
        {
          status: 400,
          code: 'validation_failed',
          path: 'variants.0.value',
        },
      );
      await expectRejected(
        t,
        () =>
          t.put(
            path,
            { enabled: true, rules: [rule({ variants: [{ key: 'v', value: true, weight: 1 }] })] },
            { 'if-match': '"1"' },
          ),
        {
          status: 400,
          code: 'validation_failed',
          path: 'rules.0.variants.0.value',
        },
      );
      await rejects({ enabled: true, variants: [{ key: 'v', value: 'yes', weight: 1 }] }, 'variants.0.value');
      expect(
        (
          await t.put(
            path,
            { enabled: true, variants: [{ key: 'v', value: 'blue', weight: 1 }] },
            { 'if-match': '"1"' },
          )
        ).status,
      ).toBe(200);
    });

    it('refuses prerequisites that are missing, archived, self-referential or nested', async () => {
      for (const key of ['p', 'q', 'gone']) await t.post('/api/v1/flags', { key });
      await t.delete('/api/v1/flags/gone');
      await rejects({ enabled: true, prerequisites: [{ flag: 'nope' }] }, 'prerequisites.0.flag');
      await rejects({ enabled: true, prerequisites: [{ flag: 'gone' }] }, 'prerequisites.0.flag');
      await rejects({ enabled: true, prerequisites: [{ flag: 'a' }] }, 'prerequisites.0.flag');
      await rejects({ enabled: true, prerequisites: [{ flag: 'p' }, { flag: 'p' }] }, 'prerequisites.1.flag');
      // p gets a prerequisite, so p cannot be one.
      expect(
        (
          await t.put(
            '/api/v1/flags/p/environments/production',
            { enabled: true, prerequisites: [{ flag: 'q' }] },
            { 'if-match': '"1"' },
          )
        ).status,
      ).toBe(200);
      await rejects({ enabled: true, prerequisites: [{ flag: 'p' }] }, 'prerequisites.0.flag');
      // a depends on q; q may then not get prerequisites of its own.
      expect((await put({ enabled: true, prerequisites: [{ flag: 'q', variants: ['x', null] }] })).status).toBe(200);
      await expectRejected(
        t,
        () =>
          t.put(
            '/api/v1/flags/q/environments/production',
            { enabled: true, prerequisites: [{ flag: 'a' }] },
            { 'if-match': '"1"' },
          ),
        {
          status: 400,
          code: 'validation_failed',
          path: 'prerequisites',
        },
      );
    });

    it('refuses unit chains that are empty', async () => {
      await rejects({ enabled: true, variantsBucketBy: [] }, 'variantsBucketBy');
      await rejects(
        { enabled: true, rules: [{ rollout: { percentage: 1, bucketBy: [''] } }] },
        'rules.0.rollout.bucketBy.0',
      );
    });
  });
});
