import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createSilentLogger, type Logger } from './base/logger.js';
import { createMemoryBus } from './bus/memory-bus.js';
import { createSqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';
import { expectRejected } from './test-support/expect-rejected.js';
import { createTestApp, createTestClock, type TestApp } from './test-support/test-app.js';

describe('the app', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ maxBodyBytes: 2_000, info: { version: '1.2.3', commit: 'abc123' } });
  });
  afterEach(() => t.close());

  it('reports liveness and readiness with the version, without a key', async () => {
    expect((await t.get('/health/live', null)).body).toEqual({ status: 'ok', version: '1.2.3', commit: 'abc123' });
    expect((await t.get('/health/ready', null)).body).toEqual({
      status: 'ready',
      bus: 'connected',
      version: '1.2.3',
      commit: 'abc123',
    });
  });

  it('reports not ready, with the reason, when the store does not answer', async () => {
    await t.store.close();
    const ready = await t.get('/health/ready', null);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', reason: expect.any(String) });
  });

  it('stays ready without the change bus, and says the bus is away: changes still arrive by polling the store', async () => {
    await t.bus.close();
    const ready = await t.get('/health/ready', null);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', bus: 'disconnected' });
  });

  it('serves an OpenAPI document generated from the validating schemas', async () => {
    const doc = await t.get('/openapi.json', null);
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.json.paths as object);
    for (const path of [
      '/api/v1/flags',
      '/api/v1/flags/{key}/environments/{env}',
      '/api/v1/flags/{key}/environments/{env}/ramp',
      '/api/v1/segments/{key}',
      '/api/v1/keys/{id}',
      '/api/v1/audit',
      '/api/v1/import/unleash',
      '/health/ready',
    ]) {
      expect(paths).toContain(path);
    }
    const schemas = (doc.json.components as { schemas: Record<string, { properties?: Record<string, unknown> }> })
      .schemas;
    expect(schemas.RolloutInput?.properties).toHaveProperty('percentage');
    expect(JSON.stringify(schemas.ConditionInput)).toContain('semver_gt');
  });

  it('answers unknown routes with the error shape', async () => {
    expect((await t.get('/nope', null)).body).toEqual({
      error: { code: 'not_found', message: 'no route for GET /nope' },
    });
    expect((await t.get('/api/v1/nope')).status).toBe(404);
  });

  it('refuses malformed JSON and non-JSON bodies with 400', async () => {
    await expectRejected(
      t,
      () => t.request('POST', '/api/v1/flags', { rawBody: '{"key":', headers: { 'content-type': 'application/json' } }),
      { status: 400, code: 'validation_failed' },
    );
    await expectRejected(
      t,
      () =>
        t.request('POST', '/api/v1/flags', {
          rawBody: 'key=a',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      { status: 400, code: 'validation_failed' },
    );
    await expectRejected(
      t,
      () => t.request('POST', '/api/v1/flags', { rawBody: '{"key":"a"}', headers: { 'content-type': 'text/plain' } }),
      { status: 400, code: 'validation_failed' },
    );
  });

  it('refuses bodies over the limit with 413, whether or not they declare a length', async () => {
    const big = { key: 'a', description: 'x'.repeat(3_000) };
    await expectRejected(t, () => t.post('/api/v1/flags', big), { status: 413, code: 'payload_too_large' });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(big)));
        controller.close();
      },
    });
    const before = await t.fingerprint();
    const response = await t.app.request('/api/v1/flags', {
      method: 'POST',
      body: stream,
      headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await t.fingerprint()).toBe(before);
  });

  it('judges a body that declares its length by that length', async () => {
    const body = JSON.stringify({ key: 'declared' });
    const send = (length: number) =>
      t.app.request('/api/v1/flags', {
        method: 'POST',
        body,
        headers: {
          authorization: `Bearer ${t.adminKey}`,
          'content-type': 'application/json',
          'content-length': String(length),
        },
      });
    const before = await t.fingerprint();
    expect((await send(2049)).status).toBe(413);
    expect(await t.fingerprint()).toBe(before);
    expect((await send(body.length)).status).toBe(201);
  });

  it('publishes versions only after the commit, and never for refused writes', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    expect(t.publications).toEqual([
      { environment: 'development', version: 1 },
      { environment: 'production', version: 1 },
    ]);
    await t.post('/api/v1/flags', { key: 'a' });
    expect(t.publications).toHaveLength(2);
  });
});

describe('unexpected failures', () => {
  let store: Store;
  beforeEach(() => {
    store = createSqliteStore({ filename: ':memory:' });
  });
  afterEach(() => store.close());

  it('answers 500 with no internals and logs the error', async () => {
    const logged: object[] = [];
    const logger: Logger = { ...createSilentLogger(), error: (fields) => logged.push(fields) };
    const broken: Store = { ...store, getKey: () => Promise.reject(new Error('disk on fire at /secret/path')) };
    const app = createApp({ store: broken, bus: createMemoryBus(), clock: createTestClock(), logger });
    const response = await app.request('/api/v1/flags', { headers: { authorization: 'Bearer rpa_abc_def' } });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(text).not.toContain('secret');
    expect(logged.length).toBeGreaterThan(0);
  });
});
