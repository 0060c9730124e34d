import { createRampartClient, RampartApiError, unwrap, type RampartClient } from '@rampart/api-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

// The typed client of @rampart/api-client, generated from this server's document, against the app.
describe('@rampart/api-client against the server', () => {
  let t: TestApp;
  let client: RampartClient;
  beforeEach(async () => {
    t = await createTestApp();
    client = createRampartClient({
      baseUrl: 'http://rampart.test/',
      token: t.adminKey,
      fetch: async (r) => t.app.fetch(r),
    });
  });
  afterEach(() => t.close());

  it('sends the token and reads typed answers', async () => {
    const created = await unwrap(client.POST('/api/v1/flags', { body: { key: 'new-checkout', tags: ['checkout'] } }));
    expect(created.key).toBe('new-checkout');
    const { flags } = await unwrap(client.GET('/api/v1/flags', { params: { query: { tag: 'checkout' } } }));
    expect(flags.map((flag) => flag.key)).toEqual(['new-checkout']);
    const result = await unwrap(
      client.POST('/api/v1/change-sets', {
        body: {
          changes: [
            {
              kind: 'config.replace',
              flag: 'new-checkout',
              environment: 'production',
              expectedVersion: 1,
              config: { enabled: true },
            },
          ],
        },
      }),
    );
    expect(result.changes[0]).toMatchObject({ outcome: 'updated', version: 2 });
  });

  it("throws the API's error, with the field it names", async () => {
    const failure = await unwrap(client.POST('/api/v1/flags', { body: { key: 'has space' } })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RampartApiError);
    expect(failure).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((failure as RampartApiError).details.map((detail) => detail.path)).toContain('key');
    const missing = client.GET('/api/v1/flags/{key}', { params: { path: { key: 'nope' } } });
    await expect(unwrap(missing)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('without a token, the API refuses', async () => {
    const anonymous = createRampartClient({ baseUrl: 'http://rampart.test', fetch: async (r) => t.app.fetch(r) });
    await expect(unwrap(anonymous.GET('/api/v1/flags'))).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });
});
