import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-support/test-app.js';

const CONFIG = '/api/v1/flags/checkout/environments/production';

interface Entry {
  action: string;
  before: { version: number };
  after: { version: number; rules: { rollout: { percentage: number } }[] };
}

describe('concurrent writes to one flag', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await t.post('/api/v1/flags', { key: 'checkout' });
    await t.post(`${CONFIG}/revive`);
  });
  afterEach(() => t.close());

  const configEntries = async () =>
    ((await t.get('/api/v1/audit?flag=checkout&environment=production&limit=500')).json.entries as Entry[]).filter(
      (e) => e.action.startsWith('config.'),
    );

  it('loses no ramp among 50 parallel ones and adds exactly one everyone rule', async () => {
    const start = Number((await t.get(CONFIG)).json.version);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.post(`${CONFIG}/ramp`, { percentage: i + 1 })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 200));
    const final = await t.get(CONFIG);
    expect(final.json.version).toBe(start + 50);
    expect(final.json.rules).toHaveLength(1);

    const ramps = (await configEntries()).filter((e) => e.action === 'config.ramped').reverse();
    expect(ramps).toHaveLength(50);
    // Each accepted change starts from the previous one's result: nothing was overwritten unseen.
    ramps.forEach((entry, i) => {
      expect(entry.before.version).toBe(start + i);
      expect(entry.after.version).toBe(start + i + 1);
    });
    expect(new Set(ramps.map((e) => e.after.rules[0]?.rollout.percentage)).size).toBe(50);
    const returned = responses.map((r) => Number(r.json.version)).sort((a, b) => a - b);
    expect(returned).toEqual(Array.from({ length: 50 }, (_, i) => start + i + 1));
  });

  it('accepts exactly one of 50 parallel PUTs sent with the same If-Match and answers 412 to the rest', async () => {
    const version = Number((await t.get(CONFIG)).json.version);
    const auditBefore = (await configEntries()).length;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.put(
          CONFIG,
          { enabled: true, rules: [{ id: 'r', rollout: { percentage: i + 1 } }] },
          { 'if-match': `"${version}"` },
        ),
      ),
    );
    const accepted = responses.filter((r) => r.status === 200);
    expect(accepted).toHaveLength(1);
    expect(responses.filter((r) => r.status === 412)).toHaveLength(49);
    const final = await t.get(CONFIG);
    expect(final.json.version).toBe(version + 1);
    expect(final.json.rules).toEqual(accepted[0]?.json.rules);
    expect((await configEntries()).length).toBe(auditBefore + 1);
  });

  it('keeps ramps and stale PUTs racing each other consistent', async () => {
    const version = Number((await t.get(CONFIG)).json.version);
    const auditBefore = (await configEntries()).length;
    const stalePuts = Array.from({ length: 50 }, (_, i) =>
      t.put(
        CONFIG,
        { enabled: true, rules: [{ rollout: { percentage: 50 + i / 1000 } }] },
        { 'if-match': `"${version - 1}"` },
      ),
    );
    const ramps = Array.from({ length: 50 }, (_, i) => t.post(`${CONFIG}/ramp`, { percentage: i + 1 }));
    const [putResponses, rampResponses] = await Promise.all([Promise.all(stalePuts), Promise.all(ramps)]);
    expect(putResponses.every((r) => r.status === 412)).toBe(true);
    expect(rampResponses.every((r) => r.status === 200)).toBe(true);
    const final = await t.get(CONFIG);
    expect(final.json.version).toBe(version + 50);
    const entries = await configEntries();
    expect(entries.length).toBe(auditBefore + 50);
    expect(t.publications.filter((p) => p.environment === 'production').map((p) => p.version)).toEqual(
      Array.from({ length: t.publications.filter((p) => p.environment === 'production').length }, (_, i) => i + 1),
    );
  });
});
