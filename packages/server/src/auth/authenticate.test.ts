import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '../store/store.js';
import { authenticate } from './authenticate.js';
import { createClient, createTestApp } from '../test-support/test-app.js';
import { sha256Hex } from './digest.js';

const SECRET = 'rps_kk_0123456789abcdef0123456789abcdef';

async function keyOf(secret: string, revokedAt: string | null = null): Promise<ApiKeyRecord> {
  return {
    id: 'kk',
    kind: 'server',
    name: 'sdk',
    environment: 'production',
    hash: await sha256Hex(secret),
    createdAt: '2030-01-01T00:00:00.000Z',
    revokedAt,
  };
}

describe('authenticate', () => {
  it("gives the same answers with node:crypto's synchronous SHA-256 as with Web Crypto's", async () => {
    let calls = 0;
    const nodeSha256 = (text: string) => {
      calls++;
      return createHash('sha256').update(text).digest('hex');
    };
    const live = await keyOf(SECRET);
    const revoked = await keyOf(SECRET, '2030-01-02T00:00:00.000Z');
    for (const [record, secret] of [
      [live, SECRET],
      [live, `${SECRET}0`],
      [live, 'rps_kk_wrong'],
      [revoked, SECRET],
    ] as const) {
      const reader = { getKey: async (id: string) => (id === record.id ? record : undefined) };
      const expected = await authenticate(reader, secret);
      expect(await authenticate(reader, secret, nodeSha256)).toEqual(expected);
    }
    const reader = { getKey: async () => live };
    expect(await authenticate(reader, SECRET, nodeSha256)).toBe(live);
    expect(await authenticate(reader, `${SECRET}0`, nodeSha256)).toBeUndefined();
    expect(calls).toBe(6);
  });
});

describe('authentication through the app', () => {
  it('hashes a key once per TTL, checks a wrong secret every time, and refuses a revoked key at once', async () => {
    const hashed: string[] = [];
    const t = await createTestApp({
      sha256Hex: (text) => {
        hashed.push(text);
        return createHash('sha256').update(text).digest('hex');
      },
    });
    const created = await t.post('/api/v1/keys', { kind: 'server', name: 'sdk', environment: 'production' });
    const secret = String(created.json.secret);
    const asServer = createClient(t.app, secret);
    const count = (text: string) => hashed.filter((item) => item === text).length;

    for (let i = 0; i < 5; i++) expect((await asServer.get('/api/v1/sdk/flags')).status).toBe(200);
    expect(count(secret)).toBe(1);

    const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (let i = 0; i < 3; i++) expect((await createClient(t.app, wrong).get('/api/v1/sdk/flags')).status).toBe(401);
    expect(count(wrong)).toBe(3);

    expect((await t.delete(`/api/v1/keys/${String(created.json.id)}`)).status).toBe(200);
    expect((await asServer.get('/api/v1/sdk/flags')).status).toBe(401);
    await t.close();
  });
});
