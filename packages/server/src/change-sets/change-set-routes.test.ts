import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

const PASSWORD = 'correct horse battery staple';

/** A personal access token of a new person with `role`. */
async function tokenOf(t: TestApp, email: string, role: 'viewer' | 'editor' | 'admin'): Promise<string> {
  const created = await t.post('/api/v1/users', { email, name: email, role });
  const { token } = created.json.invitation as { token: string };
  await t.request('POST', `/api/v1/invitations/${token}`, { body: { password: PASSWORD }, key: null });
  const signedIn = await t.request('POST', '/api/v1/session', { body: { email, password: PASSWORD }, key: null });
  const cookie = /rampart_session=([^;]*)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const minted = await t.request('POST', '/api/v1/me/tokens', {
    body: { name: 'cli' },
    key: null,
    headers: { cookie: `rampart_session=${cookie}`, origin: 'http://localhost' },
  });
  return minted.json.token as string;
}

const everyone = (percentage: number) => ({ enabled: true, rules: [{ rollout: { percentage } }] });

describe('POST /api/v1/change-sets', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const apply = (changes: unknown[], query = '', key?: string) =>
    t.request('POST', `/api/v1/change-sets${query}`, {
      body: { changes, reason: 'from git' },
      ...(key ? { key } : {}),
    });

  it('creates segments, flags and configurations in one transaction, audited each', async () => {
    const answer = await apply([
      { kind: 'environment.create', environment: { key: 'staging', name: 'Staging' } },
      {
        kind: 'segment.create',
        segment: { key: 'beta', conditions: [{ attribute: 'plan', operator: 'in', values: ['beta'] }] },
      },
      { kind: 'flag.create', flag: { key: 'new-checkout', tags: ['checkout'] } },
      {
        kind: 'config.replace',
        flag: 'new-checkout',
        environment: 'staging',
        config: { enabled: true, rules: [{ segments: ['beta'], rollout: { percentage: 100 } }] },
      },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      dryRun: false,
      changes: [
        { kind: 'environment.create', target: 'staging', outcome: 'created' },
        { kind: 'segment.create', target: 'beta', outcome: 'created' },
        { kind: 'flag.create', target: 'new-checkout', outcome: 'created' },
        { kind: 'config.replace', target: 'new-checkout', environment: 'staging', outcome: 'updated', version: 2 },
      ],
    });
    const config = await t.get('/api/v1/flags/new-checkout/environments/staging');
    expect(config.json).toMatchObject({ enabled: true, rules: [{ segments: ['beta'] }] });
    const audit = (await t.get('/api/v1/audit?limit=10')).json.entries as { action: string; reason?: string }[];
    expect(audit.map((entry) => entry.action).slice(0, 4)).toEqual([
      'config.replaced',
      'flag.created',
      'segment.created',
      'environment.created',
    ]);
    expect(audit[0]?.reason).toBe('from git');
  });

  it('refuses the whole set when one change is invalid, naming it, and stores nothing', async () => {
    const before = await t.fingerprint();
    const answer = await apply([
      { kind: 'flag.create', flag: { key: 'a' } },
      { kind: 'config.replace', flag: 'a', environment: 'production', config: everyone(5) },
      {
        kind: 'config.replace',
        flag: 'a',
        environment: 'development',
        config: { enabled: true, rules: [{ segments: ['missing'], rollout: { percentage: 5 } }] },
      },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'validation_failed' });
    const details = (answer.json.error as { details: { path: string }[] }).details;
    expect(details.map((detail) => detail.path)).toEqual(['changes.2.config.rules.0.segments.0']);
    expect((answer.json.error as { message: string }).message).toMatch(
      /^changes\.2 \(config\.replace a in development\): /,
    );
    expect(await t.fingerprint()).toBe(before);
  });

  it('refuses with 412 when a configuration moved since the plan, and applies none of the set', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/flags', { key: 'b' });
    await t.post('/api/v1/flags/a/environments/production/ramp', { percentage: 5, enable: true }); // version 2
    const before = await t.fingerprint();
    const answer = await apply([
      { kind: 'config.replace', flag: 'b', environment: 'production', expectedVersion: 1, config: everyone(50) },
      { kind: 'config.replace', flag: 'a', environment: 'production', expectedVersion: 1, config: everyone(50) },
    ]);
    expect(answer.status).toBe(412);
    expect(answer.json.error).toMatchObject({
      code: 'version_mismatch',
      message:
        "changes.1 (config.replace a in production): the configuration of 'a' in production changed since the plan (planned against version 1, now version 2); nothing was applied: plan again",
    });
    expect(await t.fingerprint()).toBe(before);
  });

  it('refuses with 412 when a flag or a segment moved since the plan', async () => {
    const flag = await t.post('/api/v1/flags', { key: 'a' });
    const segment = await t.post('/api/v1/segments', { key: 'beta', conditions: [] });
    await t.patch('/api/v1/flags/a', { owner: 'payments' });
    const stale = await apply([
      { kind: 'flag.update', key: 'a', expectedUpdatedAt: flag.json.updatedAt, flag: { owner: 'growth' } },
    ]);
    expect(stale.status).toBe(412);
    const fresh = await apply([
      {
        kind: 'segment.replace',
        key: 'beta',
        expectedUpdatedAt: segment.json.updatedAt,
        segment: { name: 'Beta', conditions: [] },
      },
    ]);
    expect(fresh.status).toBe(200);
    expect(fresh.json.changes).toMatchObject([{ outcome: 'updated' }]);
    const again = await apply([
      {
        kind: 'segment.replace',
        key: 'beta',
        expectedUpdatedAt: segment.json.updatedAt,
        segment: { name: 'Beta', conditions: [] },
      },
    ]);
    expect(again.status).toBe(412);
  });

  it('needs the version of a configuration of a flag it does not create', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    const answer = await apply([{ kind: 'config.replace', flag: 'a', environment: 'production', config: everyone(5) }]);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ details: [{ path: 'changes.0.expectedVersion' }] });
  });

  it('updates a flag or segment created earlier in the set without a planned updatedAt, and not otherwise', async () => {
    const created = await apply([
      { kind: 'flag.create', flag: { key: 'old-banner' } },
      { kind: 'flag.update', key: 'old-banner', flag: { archived: true } },
    ]);
    expect(created.body).toMatchObject({ dryRun: false });
    expect((await t.get('/api/v1/flags/old-banner')).json).toMatchObject({ archived: true });
    const refused = await apply([{ kind: 'flag.update', key: 'old-banner', flag: { archived: false } }]);
    expect(refused.json.error).toMatchObject({ details: [{ path: 'changes.0.expectedUpdatedAt' }] });
  });

  it('configures an existing flag in an environment the set creates, without a planned version', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    const answer = await apply([
      { kind: 'environment.create', environment: { key: 'qa' } },
      { kind: 'config.replace', flag: 'a', environment: 'qa', config: everyone(50) },
    ]);
    expect(answer.status).toBe(200);
    expect((await t.get('/api/v1/flags/a/environments/qa')).json).toMatchObject({ enabled: true, version: 2 });
  });

  it("changes a flag's type and its variants' values together, and checks the type once all are in", async () => {
    await t.post('/api/v1/flags', { key: 'banner', type: 'string' });
    const string = {
      enabled: true,
      variants: [{ key: 'a', value: 'hello', weight: 1 }],
      rules: [{ rollout: { percentage: 100 } }],
    };
    await t.put('/api/v1/flags/banner/environments/production', string, { 'if-match': '"1"' });
    const flag = (await t.get('/api/v1/flags/banner')).json;
    const number = { ...string, variants: [{ key: 'a', value: 1, weight: 1 }] };
    const half = await apply([
      { kind: 'flag.update', key: 'banner', expectedUpdatedAt: flag.updatedAt, flag: { type: 'number' } },
      { kind: 'config.replace', flag: 'banner', environment: 'production', expectedVersion: 2, config: number },
    ]);
    // Development still has no variants, so it fits; had it kept a string value, the set would be refused.
    expect(half.status).toBe(200);
    expect((await t.get('/api/v1/flags/banner')).json).toMatchObject({ type: 'number' });
    const toJson = await apply([
      {
        kind: 'flag.update',
        key: 'banner',
        expectedUpdatedAt: (await t.get('/api/v1/flags/banner')).json.updatedAt,
        flag: { type: 'json' },
      },
    ]);
    expect(toJson.status).toBe(200); // a number is a JSON value
    const back = await apply([
      {
        kind: 'flag.update',
        key: 'banner',
        expectedUpdatedAt: (await t.get('/api/v1/flags/banner')).json.updatedAt,
        flag: { type: 'boolean' },
      },
    ]);
    expect(back.status).toBe(409);
    expect((back.json.error as { message: string }).message).toMatch(
      /^changes\.0 \(flag\.update banner\): cannot make 'banner' a boolean flag/,
    );
  });

  it('reports a change that changes nothing as unchanged, and audits nothing for it', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    const entries = (await t.get('/api/v1/audit')).json.entries as unknown[];
    const answer = await apply([
      { kind: 'config.replace', flag: 'a', environment: 'production', expectedVersion: 1, config: { enabled: false } },
    ]);
    expect(answer.json.changes).toEqual([
      { kind: 'config.replace', target: 'a', environment: 'production', outcome: 'unchanged', version: 1 },
    ]);
    expect((await t.get('/api/v1/audit')).json.entries).toHaveLength(entries.length);
  });

  it('?dryRun=true answers as if applied and stores nothing', async () => {
    const before = await t.fingerprint();
    const answer = await apply([{ kind: 'flag.create', flag: { key: 'a' } }], '?dryRun=true');
    expect(answer.json).toMatchObject({ dryRun: true, changes: [{ outcome: 'created' }] });
    expect(await t.fingerprint()).toBe(before);
  });

  it('holds editors to protected environments and keeps environments to admins', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    await t.patch('/api/v1/environments/production', { protected: true });
    const editor = await tokenOf(t, 'editor@example.com', 'editor');
    const development = { kind: 'config.replace', flag: 'a', environment: 'development', expectedVersion: 1 };
    const production = { ...development, environment: 'production' };
    expect((await apply([{ ...development, config: everyone(5) }], '', editor)).status).toBe(200);
    const before = await t.fingerprint();
    const refused = await apply(
      [
        { ...development, expectedVersion: 2, config: everyone(10) },
        { ...production, config: everyone(5) },
      ],
      '',
      editor,
    );
    expect(refused.status).toBe(403);
    expect((refused.json.error as { message: string }).message).toContain("environment 'production' is protected");
    const archive = await apply(
      [
        {
          kind: 'flag.update',
          key: 'a',
          expectedUpdatedAt: (await t.get('/api/v1/flags/a')).json.updatedAt,
          flag: { archived: true },
        },
      ],
      '',
      editor,
    );
    expect(archive.status).toBe(403);
    const environment = await apply([{ kind: 'environment.create', environment: { key: 'qa' } }], '', editor);
    expect(environment.status).toBe(403);
    expect(await t.fingerprint()).toBe(before);
    const viewer = await tokenOf(t, 'viewer@example.com', 'viewer');
    expect((await apply([{ kind: 'flag.create', flag: { key: 'b' } }], '', viewer)).status).toBe(403);
  });

  it('validates the body, naming the field', async () => {
    const answer = await apply([{ kind: 'flag.create', flag: { key: 'has space' } }]);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ details: [{ path: 'changes.0.flag.key' }] });
    expect((await apply([])).status).toBe(400);
  });
});
