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
    await t.post(`${BASE}/ramp`, { percentage: 5, enable: false });
    const before = await t.fingerprint();
    const same = await t.post(`${BASE}/ramp`, { percentage: 5, enable: false });
    expect(same.status).toBe(200);
    expect(await t.fingerprint()).toBe(before);
  });

  it('refuses to ramp a flag that is off unless told to enable it or to keep it off', async () => {
    const refused = await expectRejected(t, () => t.post(`${BASE}/ramp`, { percentage: 5 }), {
      status: 409,
      code: 'conflict',
    });
    expect(refused.json.error).toMatchObject({ message: expect.stringContaining('"enable": true') });
    const staged = await t.post(`${BASE}/ramp`, { percentage: 5, enable: false });
    expect(staged.body).toMatchObject({ enabled: false, rules: [{ rollout: { percentage: 5 } }] });
    const enabled = await t.post(`${BASE}/ramp`, { percentage: 10, enable: true });
    expect(enabled.body).toMatchObject({ enabled: true, rules: [{ rollout: { percentage: 10 } }] });
    // Once on, a ramp needs nothing more, and enable: false never turns it off.
    expect((await t.post(`${BASE}/ramp`, { percentage: 20 })).body).toMatchObject({ enabled: true });
    expect((await t.post(`${BASE}/ramp`, { percentage: 30, enable: false })).body).toMatchObject({ enabled: true });
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

  it('acts on any body it cannot read, whatever the content type, and says what it ignored', async () => {
    const cases: { rawBody: string; headers?: Record<string, string>; note: string }[] = [
      { rawBody: '{"reason":', headers: { 'content-type': 'application/json' }, note: 'the body is not JSON' },
      { rawBody: 'checkout is down', headers: { 'content-type': 'text/plain' }, note: 'the body is not JSON' },
      { rawBody: 'checkout is down', note: 'the body is not JSON' },
      { rawBody: '[1, 2]', headers: { 'content-type': 'application/json' }, note: 'not a JSON object' },
      { rawBody: '{"reason": 5}', note: 'reason is not text' },
    ];
    for (const [i, { rawBody, headers, note }] of cases.entries()) {
      const action = i % 2 === 0 ? 'revive' : 'kill';
      const response = await t.request('POST', `${BASE}/${action}`, { rawBody, ...(headers ? { headers } : {}) });
      expect(response.status, rawBody).toBe(200);
      expect(response.body).toMatchObject({ enabled: action === 'revive', notes: [expect.stringContaining(note)] });
    }
  });

  it("takes the reason from an alerting tool's payload and ignores its other fields", async () => {
    const alert = {
      version: '4',
      status: 'firing',
      reason: 'error rate 12 %',
      alerts: [],
      groupKey: 'g',
      receiver: 'r',
    };
    const killed = await t.request('POST', `${BASE}/kill`, { rawBody: JSON.stringify(alert) });
    await t.post(`${BASE}/revive`);
    const again = await t.request('POST', `${BASE}/kill`, { rawBody: JSON.stringify(alert) });
    expect(again.body).toMatchObject({
      enabled: false,
      notes: ["fields other than reason were ignored: 'version', 'status', 'alerts', 'groupKey', 'receiver'"],
    });
    expect(killed.status).toBe(200);
    expect((await t.get('/api/v1/audit?flag=a&limit=1')).json.entries).toMatchObject([
      { action: 'config.killed', reason: 'error rate 12 %' },
    ]);
  });

  it('acts on a body that is not UTF-8, ignoring it', async () => {
    const response = await t.app.request(`${BASE}/revive`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      enabled: true,
      notes: ['the body is not valid UTF-8; it was ignored'],
    });
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

  it('404s unknown targets', async () => {
    await expectRejected(t, () => t.post('/api/v1/flags/nope/environments/production/kill'), {
      status: 404,
      code: 'not_found',
    });
    await expectRejected(t, () => t.post('/api/v1/flags/a/environments/nope/ramp', { percentage: 5 }), {
      status: 404,
      code: 'not_found',
    });
  });

  it('kills and revives in every environment at once, each audited, in one transaction', async () => {
    const revived = await t.post('/api/v1/flags/a/revive', { reason: 'launch' });
    expect(revived.status).toBe(200);
    const configs = revived.json.configs as { environment: string; enabled: boolean }[];
    expect(configs.map((config) => [config.environment, config.enabled]).sort()).toEqual([
      ['development', true],
      ['production', true],
    ]);
    const killed = await t.request('POST', '/api/v1/flags/a/kill', { rawBody: 'not json' });
    expect(killed.body).toMatchObject({ flag: 'a', notes: ['the body is not JSON; it was ignored'] });
    expect((killed.json.configs as { enabled: boolean }[]).every((config) => !config.enabled)).toBe(true);
    const entries = (await t.get('/api/v1/audit?flag=a&limit=4')).json.entries as { action: string }[];
    expect(entries.map((entry) => entry.action)).toEqual([
      'config.killed',
      'config.killed',
      'config.revived',
      'config.revived',
    ]);
    await expectRejected(t, () => t.post('/api/v1/flags/nope/kill'), { status: 404, code: 'not_found' });
  });

  it('changes no environment when the flag cannot be changed in one of them', async () => {
    await t.post(`${BASE}/revive`);
    expect((await t.request('DELETE', '/api/v1/flags/a')).status).toBe(200);
    await expectRejected(t, () => t.post('/api/v1/flags/a/kill'), { status: 409, code: 'conflict' });
  });
});
