import { afterEach, expect, it } from 'vitest';
import { describeWithServices, probePostgres } from '../test-support/services.js';
import { startPostgresInstances } from '../test-support/postgres-instances.js';
import { createClient, TEST_PASSWORD_COST } from '../test-support/test-app.js';

const TOKEN = 'people-two-instances-admin-token-0123456789';
const PASSWORD = 'correct horse battery staple';

describeWithServices([await probePostgres()], 'people on two instances over one PostgreSQL', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  it("stops a disabled person's sessions and tokens on every instance at once, and signs out everywhere", async () => {
    const started = await startPostgresInstances(2, { adminToken: TOKEN, app: { passwordCost: TEST_PASSWORD_COST } });
    close = started.close;
    const apps = started.instances.map((instance) => instance.app);
    const [a, b] = apps;
    if (a === undefined || b === undefined) throw new Error('two instances expected');
    const adminA = createClient(a, TOKEN);
    const created = await adminA.post('/api/v1/users', { email: 'alice@example.com', name: 'Alice', role: 'editor' });
    const { token } = created.json.invitation as { token: string };
    const userId = (created.json.user as { id: string }).id;
    // The invitation made on A is accepted on B; Alice signs in on B.
    expect(
      (
        await createClient(b, '').request('POST', `/api/v1/invitations/${token}`, {
          key: null,
          body: { password: PASSWORD },
        })
      ).status,
    ).toBe(200);
    const signedIn = await createClient(b, '').request('POST', '/api/v1/session', {
      key: null,
      body: { email: 'alice@example.com', password: PASSWORD },
    });
    const cookie = /rampart_session=([^;]*)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const asAlice = (app: typeof a) => (method: string, path: string, body?: unknown) =>
      createClient(app, '').request(method, path, {
        key: null,
        headers: { cookie: `rampart_session=${cookie}`, origin: 'http://localhost' },
        ...(body === undefined ? {} : { body }),
      });
    for (const app of apps) expect((await asAlice(app)('GET', '/api/v1/me')).status).toBe(200);
    const pat = String((await asAlice(a)('POST', '/api/v1/me/tokens', { name: 'cli' })).json.token);
    for (const app of apps) expect((await createClient(app, pat).get('/api/v1/me')).status).toBe(200);

    // Disabled through B: refused on A and B at the next request, session and token alike.
    expect((await createClient(b, TOKEN).patch(`/api/v1/users/${userId}`, { disabled: true })).status).toBe(200);
    for (const app of apps) {
      expect((await asAlice(app)('GET', '/api/v1/me')).status).toBe(401);
      expect((await createClient(app, pat).get('/api/v1/me')).status).toBe(401);
    }

    // Enabled again and signed in afresh: a sign-out on A ends the session on B too.
    await adminA.patch(`/api/v1/users/${userId}`, { disabled: false });
    const again = await createClient(a, '').request('POST', '/api/v1/session', {
      key: null,
      body: { email: 'alice@example.com', password: PASSWORD },
    });
    const second = /rampart_session=([^;]*)/.exec(again.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const headers = { cookie: `rampart_session=${second}`, origin: 'http://localhost' };
    expect((await createClient(b, '').request('GET', '/api/v1/me', { key: null, headers })).status).toBe(200);
    expect((await createClient(a, '').request('DELETE', '/api/v1/session', { key: null, headers })).status).toBe(204);
    expect((await createClient(b, '').request('GET', '/api/v1/me', { key: null, headers })).status).toBe(401);
  });
});
