import { afterEach, describe, expect, it } from 'vitest';
import { seedClientFlags } from '../test-support/client-flags.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

let t: TestApp;
afterEach(() => t.close());

const preflight = (path: string, origin = 'https://shop.example') =>
  t.app.request(path, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });

function listOf(header: string | null): string[] {
  return (header ?? '').split(',').map((item) => item.trim().toLowerCase());
}

describe('CORS on the client and OFREP routes', () => {
  it('answers preflights before any key is checked, allowing the headers browsers send', async () => {
    t = await createTestApp();
    for (const path of [
      '/api/v1/client/evaluate',
      '/api/v1/client/stream',
      '/ofrep/v1/evaluate/flags',
      '/ofrep/v1/evaluate/flags/cs-banner',
    ]) {
      const response = await preflight(path);
      expect(response.status, path).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(listOf(response.headers.get('access-control-allow-methods'))).toEqual(
        expect.arrayContaining(['get', 'post']),
      );
      expect(listOf(response.headers.get('access-control-allow-headers'))).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'if-none-match', 'last-event-id']),
      );
    }
  });

  it('lets scripts read ETag and Retry-After, on answers and on errors', async () => {
    t = await createTestApp();
    const { clientKey } = await seedClientFlags(t);
    const headers = { origin: 'https://shop.example', 'content-type': 'application/json' };
    const answered = await t.app.request('/ofrep/v1/evaluate/flags', {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${clientKey}` },
      body: '{}',
    });
    const refused = await t.app.request('/api/v1/client/evaluate', { method: 'POST', headers, body: '{}' });
    expect([answered.status, refused.status]).toEqual([200, 401]);
    for (const response of [answered, refused]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(listOf(response.headers.get('access-control-expose-headers'))).toEqual(
        expect.arrayContaining(['etag', 'retry-after']),
      );
    }
    expect(answered.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('allows only the configured origins when CORS_ORIGINS names some', async () => {
    t = await createTestApp({ corsOrigins: ['https://shop.example', 'https://admin.example'] });
    const allowed = await preflight('/api/v1/client/evaluate', 'https://admin.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example');
    expect(listOf(allowed.headers.get('vary'))).toContain('origin');
    const { clientKey } = await seedClientFlags(t);
    const answered = await t.app.request('/api/v1/client/evaluate', {
      method: 'POST',
      headers: {
        origin: 'https://shop.example',
        authorization: `Bearer ${clientKey}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(answered.status).toBe(200);
    expect(answered.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(listOf(answered.headers.get('vary'))).toContain('origin');
    const other = await preflight('/api/v1/client/evaluate', 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const refused = await t.app.request('/ofrep/v1/evaluate/flags', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('leaves the admin API without CORS', async () => {
    t = await createTestApp();
    const response = await preflight('/api/v1/flags');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.status).not.toBe(204);
  });
});
