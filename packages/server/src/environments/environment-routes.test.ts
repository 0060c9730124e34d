import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

describe('environments', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('starts with development and production', async () => {
    const response = await t.get('/api/v1/environments');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      environments: [
        { key: 'development', name: 'Development' },
        { key: 'production', name: 'Production' },
      ],
    });
  });

  it('creates an environment in which every existing flag is off, and audits it', async () => {
    await t.post('/api/v1/flags', { key: 'a' });
    const created = await t.post('/api/v1/environments', { key: 'staging', name: 'Staging' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'staging', name: 'Staging', version: 0 });
    const config = await t.get('/api/v1/flags/a/environments/staging');
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ enabled: false, rules: [], version: 1 });
    const audit = await t.get('/api/v1/audit?limit=1');
    expect(audit.body).toMatchObject({
      entries: [{ action: 'environment.created', target: 'staging', actor: 'admin', before: null }],
    });
  });

  it('names the environment after its key when no name is given', async () => {
    expect((await t.post('/api/v1/environments', { key: 'qa' })).body).toMatchObject({ key: 'qa', name: 'qa' });
  });

  it('refuses a bad key, naming the field', async () => {
    for (const key of ['', 'has space', 'a/b', '-leading', 'x'.repeat(65)]) {
      await expectRejected(t, () => t.post('/api/v1/environments', { key }), {
        status: 400,
        code: 'validation_failed',
        path: 'key',
      });
    }
    await expectRejected(t, () => t.post('/api/v1/environments', { key: 'ok', colour: 'red' }), {
      status: 400,
      code: 'validation_failed',
      path: 'colour',
    });
  });

  it('refuses a duplicate with 409', async () => {
    await expectRejected(t, () => t.post('/api/v1/environments', { key: 'production' }), {
      status: 409,
      code: 'conflict',
    });
  });
});
