import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from './base/logger.js';
import { createTestApp, type TestApp } from './test-support/test-app.js';

/** A logger that keeps what it is given. */
function createRecordingLogger(): Logger & { lines: { level: string; fields: object; message?: string }[] } {
  const lines: { level: string; fields: object; message?: string }[] = [];
  const record =
    (level: string) =>
    (fields: object, message?: string): void => {
      lines.push({ level, fields, ...(message === undefined ? {} : { message }) });
    };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

describe("the app's middleware", () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('echoes a well-formed X-Request-Id and logs it with the actor', async () => {
    const logger = createRecordingLogger();
    t = await createTestApp({ logger });
    const answer = await t.request('GET', '/api/v1/flags', { headers: { 'x-request-id': 'trace-42' } });
    expect(answer.headers.get('x-request-id')).toBe('trace-42');
    const line = logger.lines.find((entry) => entry.message === 'request');
    expect(line?.fields).toMatchObject({ requestId: 'trace-42', actor: 'admin', route: '/api/v1/flags', status: 200 });
  });

  it('generates a request id when none is sent, or when the one sent is not safe to echo', async () => {
    t = await createTestApp();
    const generated = (await t.get('/api/v1/flags')).headers.get('x-request-id');
    // This instance's random prefix and a counter.
    expect(generated).toMatch(/^[a-z2-7]{8}-[0-9a-z]+$/);
    const unsafe = await t.request('GET', '/api/v1/flags', { headers: { 'x-request-id': 'a b<script>' } });
    const next = unsafe.headers.get('x-request-id');
    expect(next).toMatch(/^[a-z2-7]{8}-[0-9a-z]+$/);
    expect(next).not.toBe(generated);
    expect(next?.split('-')[0]).toBe(generated?.split('-')[0]);
  });

  it('logs no actor for a request that needs no key', async () => {
    const logger = createRecordingLogger();
    t = await createTestApp({ logger });
    await t.get('/openapi.json', null);
    const line = logger.lines.find((entry) => entry.message === 'request');
    expect(line?.fields).toMatchObject({ route: '/openapi.json', actor: undefined, requestId: expect.any(String) });
  });

  it('sends the secure headers on every admin route and page, and not on the SDK hot path', async () => {
    t = await createTestApp();
    const admin = await t.get('/api/v1/flags');
    expect(admin.headers.get('x-content-type-options')).toBe('nosniff');
    expect(admin.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    for (const path of ['/api/v1/segments', '/api/v1/environments', '/api/v1/keys', '/api/v1/audit']) {
      expect((await t.get(path)).headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    for (const path of ['/openapi.json', '/docs', '/health/live', '/metrics']) {
      expect((await t.get(path, null)).headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const created = await t.post('/api/v1/keys', { kind: 'server', name: 'svc', environment: 'production' });
    const sdk = await t.request('GET', '/api/v1/sdk/flags', { key: String(created.json.secret) });
    expect(sdk.status).toBe(200);
    expect(sdk.headers.get('x-content-type-options')).toBeNull();
  });
});
