import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

const BASE = '/api/v1/flags/a/environments/production';

describe('ramp, kill and revive', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/segments', {
      key: 'internal-users',
      conditions: [{ attribute: 'email', operator: 'str_ends_with', values: ['@example.com'] }],
    });
  });
  afterEach(() => t.close());

  it('adds an everyone rule after the others on the first ramp and moves it afterwards', async () => {
    await t.put(
      BASE,
      { enabled: true, rules: [{ id: 'staff', segments: ['internal-users'], rollout: { percentage: 100 } }] },
      { 'if-match': '"1"' },
    );
    const first = await t.post(`${BASE}/ramp`, { percentage: 5 });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"3"');
    expect(first.body).toMatchObject({
      rules: [
        { id: 'staff', rollout: { percentage: 100 } },
        { name: 'everyone', segments: [], conditions: [], rollout: { percentage: 5 } },
      ],
    });
    const second = await t.post(`${BASE}/ramp`, { percentage: 25.5 });
    expect(second.json.rules).toHaveLength(2);
    expect(second.body).toMatchObject({
      version: 4,
      rules: [{ rollout: { percentage: 100 } }, { rollout: { percentage: 25.5 } }],
    });
    const audit = (await t.get('/api/v1/audit?flag=a&limit=2')).json.entries;
    expect(audit).toMatchObject([
      { action: 'config.ramped', before: { version: 3 }, after: { version: 4 } },
      { action: 'config.ramped', before: { version: 2 }, after: { version: 3 } },
    ]);
  });

  it('ramps a named rule and keeps its bucketing', async () => {
    await t.put(
      BASE,
      { enabled: true, rules: [{ id: 'r1', rollout: { percentage: 1, bucketBy: ['userId'], salt: 's' } }] },
      { 'if-match': '"1"' },
    );
    const ramped = await t.post(`${BASE}/ramp`, { percentage: 50, ruleId: 'r1' });
    expect(ramped.body).toMatchObject({
      rules: [{ id: 'r1', rollout: { percentage: 50, bucketBy: ['userId'], salt: 's' } }],
    });
    await expectRejected(t, () => t.post(`${BASE}/ramp`, { percentage: 50, ruleId: 'nope' }), {
      status: 404,
      code: 'not_found',
    });
  });

  it('refuses to guess between several everyone rules (409)', async () => {
    await t.put(
      BASE,
      { enabled: true, rules: [{ rollout: { percentage: 1 } }, { rollout: { percentage: 2 } }] },
      { 'if-match': '"1"' },
    );
    await expectRejected(t, () => t.post(`${BASE}/ramp`, { percentage: 10 }), { status: 409, code: 'conflict' });
  });

  it('validates the ramp body, naming the field', async () => {
    for (const percentage of [101, -0.5, 1.0005, '5', null]) {
      await expectRejected(t, () => t.post(`${BASE}/ramp`, { percentage }), {
        status: 400,
        code: 'validation_failed',
        path: 'percentage',
      });
    }
    await expectRejected(t, () => t.post(`${BASE}/ramp`, {}), {
      status: 400,
      code: 'validation_failed',
      path: 'percentage',
    });
    await expectRejected(t, () => t.post(`${BASE}/ramp`, { percentage: 1, ruleId: '' }), {
      status: 400,
      code: 'validation_failed',
      path: 'ruleId',
    });
  });

  it('answers a ramp to the current percentage without a new version', async () => {
    await t.post(`${BASE}/ramp`, { percentage: 5 });
    const before = await t.fingerprint();
    const same = await t.post(`${BASE}/ramp`, { percentage: 5 });
    expect(same.status).toBe(200);
    expect(await t.fingerprint()).toBe(before);
  });

  it('kills and revives with a reason in the audit entry', async () => {
    const revived = await t.post(`${BASE}/revive`, { reason: 'launch' });
    expect(revived.body).toMatchObject({ enabled: true, version: 2 });
    const killed = await t.post(`${BASE}/kill`, { reason: 'incident 42' });
    expect(killed.status).toBe(200);
    expect(killed.headers.get('etag')).toBe('"3"');
    expect(killed.body).toMatchObject({ enabled: false });
    expect((await t.get('/api/v1/audit?flag=a&limit=2')).json.entries).toMatchObject([
      { action: 'config.killed', reason: 'incident 42', before: { enabled: true }, after: { enabled: false } },
      { action: 'config.revived', reason: 'launch' },
    ]);
  });

  it('kills without a body', async () => {
    await t.post(`${BASE}/revive`);
    const killed = await t.request('POST', `${BASE}/kill`);
    expect(killed.status).toBe(200);
    expect(killed.body).toMatchObject({ enabled: false });
  });

  it('kills and revives with the JSON content type and an empty body, as curl sends without data', async () => {
    const json = { 'content-type': 'application/json' };
    const revived = await t.request('POST', `${BASE}/revive`, { rawBody: '', headers: json });
    expect(revived.status).toBe(200);
    expect(revived.body).toMatchObject({ enabled: true });
    const killed = await t.request('POST', `${BASE}/kill`, { rawBody: ' \n', headers: json });
    expect(killed.status).toBe(200);
    expect(killed.body).toMatchObject({ enabled: false });
  });

  it('still refuses a body that is not JSON, and keeps the flag as it was', async () => {
    const before = await t.fingerprint();
    const response = await t.request('POST', `${BASE}/revive`, {
      rawBody: '{"reason":',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      error: { code: 'validation_failed', message: 'the body is not valid JSON' },
    });
    expect(await t.fingerprint()).toBe(before);
  });

  it('answers killing a flag that is already off with 200 and no new version or audit entry', async () => {
    const before = await t.fingerprint();
    const publications = t.publications.length;
    const killed = await t.post(`${BASE}/kill`, { reason: 'again' });
    expect(killed.status).toBe(200);
    expect(killed.headers.get('etag')).toBe('"1"');
    expect(await t.fingerprint()).toBe(before);
    expect(t.publications.length).toBe(publications);
  });

  it('honours If-Match on actions when sent', async () => {
    await expectRejected(t, () => t.post(`${BASE}/revive`, {}, { 'if-match': '"9"' }), {
      status: 412,
      code: 'version_mismatch',
    });
    expect((await t.post(`${BASE}/revive`, {}, { 'if-match': '"1"' })).status).toBe(200);
  });

  it('refuses unknown fields and 404s unknown targets', async () => {
    await expectRejected(t, () => t.post(`${BASE}/kill`, { reason: 'x', force: true }), {
      status: 400,
      code: 'validation_failed',
      path: 'force',
    });
    await expectRejected(t, () => t.post(`${BASE}/kill`, { reason: 5 }), {
      status: 400,
      code: 'validation_failed',
      path: 'reason',
    });
    await expectRejected(t, () => t.post('/api/v1/flags/nope/environments/production/kill'), {
      status: 404,
      code: 'not_found',
    });
    await expectRejected(t, () => t.post('/api/v1/flags/a/environments/nope/ramp', { percentage: 5 }), {
      status: 404,
      code: 'not_found',
    });
  });
});
