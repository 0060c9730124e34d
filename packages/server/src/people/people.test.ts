import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import {
  createClient,
  createManualClock,
  createTestApp,
  type ManualClock,
  type TestApp,
} from '../test-support/test-app.js';

const PASSWORD = 'correct horse battery staple';
const ORIGIN = 'http://localhost';

/** Adds a person with the admin key and sets their password through the invitation. */
async function addPerson(t: TestApp, email: string, role: 'viewer' | 'editor' | 'admin') {
  const created = await t.post('/api/v1/users', { email, name: email.split('@')[0], role });
  expect(created.status).toBe(201);
  const invitation = created.json.invitation as { token: string; acceptUrl: string };
  const accepted = await t.request('POST', `/api/v1/invitations/${invitation.token}`, {
    body: { password: PASSWORD },
    key: null,
  });
  expect(accepted.status).toBe(200);
  return { id: String((created.json.user as { id: string }).id), invitation };
}

/** Signs in and returns a client that sends the session cookie (and this server's Origin). */
async function signIn(t: TestApp, email: string, password = PASSWORD, extra: Record<string, string> = {}) {
  const answer = await t.request('POST', '/api/v1/session', { body: { email, password }, key: null, headers: extra });
  const cookie = /rampart_session=([^;]*)/.exec(answer.headers.get('set-cookie') ?? '')?.[1];
  const session = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.request(method, path, {
      key: null,
      headers: { cookie: `rampart_session=${cookie ?? ''}`, origin: ORIGIN, ...headers },
      ...(body === undefined ? {} : { body }),
    });
  return { answer, cookie, session };
}

describe('people, sessions and roles', () => {
  let t: TestApp;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = createManualClock();
    t = await createTestApp({ clock, clientAddress: (c) => c.req.header('x-test-address') });
    await t.post('/api/v1/flags', { key: 'checkout' });
  });
  afterEach(() => t.close());

  it('invites a person, who sets a password, signs in with a hardened cookie and sees who they are', async () => {
    const created = await t.post('/api/v1/users', { email: 'Alice@Example.com', name: 'Alice', role: 'editor' });
    expect(created.status).toBe(201);
    expect(created.json.user).toMatchObject({ email: 'alice@example.com', role: 'editor', hasPassword: false });
    const invitation = created.json.invitation as { token: string; acceptUrl: string; expiresAt: string };
    expect(invitation.token).toMatch(/^rpi_[A-Za-z0-9_-]{43}$/);
    expect(invitation.acceptUrl).toBe(`http://localhost/api/v1/invitations/${invitation.token}`);
    expect((invitation as unknown as { pageUrl: string }).pageUrl).toBe(
      `http://localhost/invitation#${invitation.token}`,
    );
    expect(Date.parse(invitation.expiresAt) - clock.now().getTime()).toBe(7 * 24 * 3_600_000);
    const accept = (password: string) =>
      t.request('POST', `/api/v1/invitations/${invitation.token}`, { body: { password }, key: null });
    expect((await accept('short')).status).toBe(400);
    expect((await accept(PASSWORD)).json).toMatchObject({ email: 'alice@example.com', hasPassword: true });
    expect((await accept(PASSWORD)).status).toBe(404); // once only

    const { answer, session } = await signIn(t, 'ALICE@example.com');
    expect(answer.status).toBe(200);
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^rampart_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    const me = await session('GET', '/api/v1/me');
    expect(me.json).toMatchObject({ kind: 'person', name: 'alice@example.com', role: 'editor', via: 'ui' });
    // Nothing the API shows holds a password hash, a session or an invitation token.
    const everything = JSON.stringify([
      (await t.get('/api/v1/users')).body,
      (await t.get('/api/v1/audit')).body,
      me.body,
    ]);
    for (const secret of ['$argon2id$', invitation.token, /rampart_session=([^;]*)/.exec(cookie)?.[1] ?? 'x'])
      expect(everything).not.toContain(secret);
  });

  it('lets each role do what it may, and audits the person by email and how they acted', async () => {
    await addPerson(t, 'viewer@example.com', 'viewer');
    await addPerson(t, 'editor@example.com', 'editor');
    const viewer = await signIn(t, 'viewer@example.com');
    const editor = await signIn(t, 'editor@example.com');
    expect((await viewer.session('GET', '/api/v1/flags')).status).toBe(200);
    const refused = await viewer.session('POST', '/api/v1/flags', { key: 'nope' });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('editor role') });
    expect((await viewer.session('GET', '/api/v1/keys')).status).toBe(403);
    expect((await editor.session('POST', '/api/v1/flags', { key: 'search' })).status).toBe(201);
    expect((await editor.session('POST', '/api/v1/flags/search/environments/development/revive')).status).toBe(200);
    expect((await editor.session('GET', '/api/v1/users')).status).toBe(403);
    expect((await editor.session('POST', '/api/v1/webhooks', { url: 'https://hooks.example.com/x' })).status).toBe(403);
    const audit = (await t.get('/api/v1/audit?limit=2')).json.entries;
    expect(audit).toMatchObject([
      { action: 'config.revived', actor: 'editor@example.com', via: 'ui' },
      { action: 'flag.created', actor: 'editor@example.com', via: 'ui' },
    ]);
  });

  it('keeps editors out of protected environments, unless the environment lets them in', async () => {
    await addPerson(t, 'editor@example.com', 'editor');
    const editor = await signIn(t, 'editor@example.com');
    expect((await t.get('/api/v1/environments')).json.environments).toMatchObject([
      { key: 'development', protected: false, protectedRoles: [] },
      { key: 'production', protected: true, protectedRoles: [] },
    ]);
    const before = await t.fingerprint();
    for (const [method, path, body] of [
      ['POST', '/api/v1/flags/checkout/environments/production/revive', undefined],
      ['POST', '/api/v1/flags/checkout/revive', undefined],
      ['DELETE', '/api/v1/flags/checkout', undefined],
      ['PATCH', '/api/v1/flags/checkout', { archived: true }],
      ['PATCH', '/api/v1/flags/checkout', { clientSide: true }],
      ['POST', '/api/v1/flags/checkout/environments/%E0%A4%A/kill', undefined],
    ] as const) {
      const refused = await editor.session(method, path, body);
      if (path.includes('%E0')) {
        expect(refused.status).toBe(404);
        continue;
      }
      expect(refused.status).toBe(403);
      expect(String((refused.json.error as { message: string }).message)).toBe(
        "environment 'production' is protected: only admins may change configurations there; editor@example.com is editor",
      );
    }
    expect(await t.fingerprint()).toBe(before);
    expect((await editor.session('POST', '/api/v1/flags/checkout/environments/development/revive')).status).toBe(200);
    expect((await editor.session('PATCH', '/api/v1/flags/checkout', { description: 'fine anywhere' })).status).toBe(
      200,
    );
    // Only admins protect environments; the key is an admin.
    expect(
      (await editor.session('PATCH', '/api/v1/environments/production', { protectedRoles: ['editor'] })).status,
    ).toBe(403);
    expect((await t.patch('/api/v1/environments/production', { protectedRoles: ['editor'] })).json).toMatchObject({
      protected: true,
      protectedRoles: ['editor'],
    });
    expect((await editor.session('POST', '/api/v1/flags/checkout/environments/production/revive')).status).toBe(200);
  });

  it('signs out, expires sessions, and rotates the session at every sign-in', async () => {
    await addPerson(t, 'alice@example.com', 'viewer');
    const first = await signIn(t, 'alice@example.com');
    // Signing in again from the same browser ends the session it had.
    const second = await signIn(t, 'alice@example.com', PASSWORD, { cookie: `rampart_session=${first.cookie ?? ''}` });
    expect(second.cookie).not.toBe(first.cookie);
    expect((await first.session('GET', '/api/v1/me')).status).toBe(401);
    expect((await second.session('GET', '/api/v1/me')).status).toBe(200);
    expect((await second.session('DELETE', '/api/v1/session')).status).toBe(204);
    expect((await second.session('GET', '/api/v1/me')).status).toBe(401);
    const third = await signIn(t, 'alice@example.com');
    clock.advance(12 * 3600 - 1);
    expect((await third.session('GET', '/api/v1/me')).status).toBe(200);
    clock.advance(1);
    const expired = await third.session('GET', '/api/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.json.error).toMatchObject({ message: 'the session has ended; sign in again' });
  });

  it('limits failed sign-ins per account and per address, without telling whether an email exists', async () => {
    await addPerson(t, 'alice@example.com', 'viewer');
    const wrong = await signIn(t, 'alice@example.com', 'not the password at all');
    const unknown = await signIn(t, 'nobody@example.com', 'not the password at all');
    expect(wrong.answer.status).toBe(401);
    expect(unknown.answer.body).toEqual(wrong.answer.body);
    for (let i = 0; i < 4; i++) await signIn(t, 'alice@example.com', 'still not the password');
    const locked = await signIn(t, 'alice@example.com');
    expect(locked.answer.status).toBe(429);
    expect(locked.cookie).toBeUndefined();
    clock.advance(15 * 60);
    expect((await signIn(t, 'alice@example.com')).answer.status).toBe(200);

    // An email without an account locks the same way, so a lockout tells nothing.
    for (let i = 0; i < 5; i++) await signIn(t, 'nobody@example.com', 'not the password at all');
    expect((await signIn(t, 'nobody@example.com', 'not the password at all')).answer.status).toBe(429);

    // Guesses sent at once are counted before any password is checked: five get an answer, the rest wait.
    await addPerson(t, 'bob@example.com', 'viewer');
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signIn(t, 'bob@example.com', `guess number ${i}`, { 'x-test-address': `198.51.100.${i}` }),
      ),
    );
    const statuses = guesses.map((guess) => guess.answer.status).sort();
    expect(statuses.filter((status) => status === 401).length).toBe(5);
    expect(statuses.filter((status) => status === 429).length).toBe(7);

    const address = { 'x-test-address': '203.0.113.9' };
    for (let i = 0; i < 20; i++) await signIn(t, `guess${i}@example.com`, 'not the password at all', address);
    expect((await signIn(t, 'alice@example.com', PASSWORD, address)).answer.status).toBe(429);
    expect((await signIn(t, 'alice@example.com', PASSWORD, { 'x-test-address': '203.0.113.10' })).answer.status).toBe(
      200,
    );
  });

  it('refuses a cookie-authenticated write from another site', async () => {
    await addPerson(t, 'editor@example.com', 'editor');
    const editor = await signIn(t, 'editor@example.com');
    const before = await t.fingerprint();
    const forged = await editor.session('POST', '/api/v1/flags', { key: 'evil' }, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect(forged.json.error).toMatchObject({ message: expect.stringContaining('https://evil.example') });
    const headerless = await t.request('POST', '/api/v1/flags', {
      key: null,
      body: { key: 'evil' },
      headers: { cookie: `rampart_session=${editor.cookie ?? ''}` },
    });
    expect(headerless.status).toBe(403);
    expect(await t.fingerprint()).toBe(before);
    const sameSite = await t.request('POST', '/api/v1/flags', {
      key: null,
      body: { key: 'fine' },
      headers: { cookie: `rampart_session=${editor.cookie ?? ''}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(sameSite.status).toBe(201);
  });

  it('gives people personal access tokens, never above their role, that stop when the person is disabled', async () => {
    const { id } = await addPerson(t, 'editor@example.com', 'editor');
    const editor = await signIn(t, 'editor@example.com');
    const tooHigh = await editor.session('POST', '/api/v1/me/tokens', { name: 'ci', role: 'admin' });
    expect(tooHigh.status).toBe(400);
    const created = await editor.session('POST', '/api/v1/me/tokens', { name: 'laptop', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const token = String(created.json.token);
    expect(token).toMatch(/^rpt_[a-z2-7]{16}_[A-Za-z0-9_-]{43}$/);
    const api = createClient(t.app, token);
    expect((await api.get('/api/v1/me')).json).toMatchObject({ kind: 'person', role: 'editor', via: 'api' });
    expect((await api.post('/api/v1/flags', { key: 'from-api' })).status).toBe(201);
    const cli = await api.request('POST', '/api/v1/flags', {
      body: { key: 'from-cli' },
      headers: { 'user-agent': 'rampart-cli/0.1.0' },
    });
    expect(cli.status).toBe(201);
    expect((await t.get('/api/v1/audit?limit=2')).json.entries).toMatchObject([
      { actor: 'editor@example.com', via: 'cli', target: 'from-cli' },
      { actor: 'editor@example.com', via: 'api', target: 'from-api' },
    ]);
    const listed = JSON.stringify((await editor.session('GET', '/api/v1/me/tokens')).body);
    expect(listed).toContain('laptop');
    expect(listed).not.toContain(token.slice(-43));
    // A token never does more than its owner does now.
    await t.patch(`/api/v1/users/${id}`, { role: 'viewer' });
    expect((await api.post('/api/v1/flags', { key: 'after-demotion' })).status).toBe(403);
    await t.patch(`/api/v1/users/${id}`, { disabled: true });
    expect((await api.get('/api/v1/me')).status).toBe(401);
    expect((await editor.session('GET', '/api/v1/me')).status).toBe(401);
    // Enabled again: the sessions ended and the token was revoked, for good.
    await t.patch(`/api/v1/users/${id}`, { disabled: false, role: 'editor' });
    expect((await editor.session('GET', '/api/v1/me')).status).toBe(401);
    expect((await api.get('/api/v1/me')).status).toBe(401);
    // A new token expires when it says.
    const again = await signIn(t, 'editor@example.com');
    const fresh = String(
      (await again.session('POST', '/api/v1/me/tokens', { name: 'x', expiresInDays: 1 })).json.token,
    );
    expect((await createClient(t.app, fresh).get('/api/v1/me')).status).toBe(200);
    clock.advance(86_400);
    expect((await createClient(t.app, fresh).get('/api/v1/me')).status).toBe(401);
  });

  it('never lets a token make a token that does more than itself', async () => {
    await addPerson(t, 'admin@example.com', 'admin');
    const admin = await signIn(t, 'admin@example.com');
    const viewerToken = String(
      (await admin.session('POST', '/api/v1/me/tokens', { name: 'read', role: 'viewer' })).json.token,
    );
    const asViewer = createClient(t.app, viewerToken);
    expect((await asViewer.post('/api/v1/me/tokens', { name: 'escalate', role: 'admin' })).status).toBe(400);
    const made = await asViewer.post('/api/v1/me/tokens', { name: 'default' });
    expect(made.json).toMatchObject({ role: 'viewer' });
    expect(
      (
        await createClient(t.app, String(made.json.token)).post('/api/v1/users', {
          email: 'x@example.com',
          name: 'x',
          role: 'admin',
        })
      ).status,
    ).toBe(403);
  });

  it('validates people, naming the field, and keeps admins from locking themselves out', async () => {
    const rejects = (body: unknown, path: string) =>
      expectRejected(t, () => t.post('/api/v1/users', body), { status: 400, code: 'validation_failed', path });
    await rejects({ email: 'not-an-email', name: 'x', role: 'viewer' }, 'email');
    await rejects({ email: 'a@example.com', name: '', role: 'viewer' }, 'name');
    await rejects({ email: 'a@example.com', name: 'a', role: 'owner' }, 'role');
    await addPerson(t, 'a@example.com', 'admin');
    await rejects({ email: 'A@example.com', name: 'a', role: 'viewer' }, 'email');
    const admin = await signIn(t, 'a@example.com');
    const me = String(((await admin.session('GET', '/api/v1/me')).json.user as { id: string }).id);
    expect((await admin.session('PATCH', `/api/v1/users/${me}`, { disabled: true })).status).toBe(409);
    expect((await admin.session('DELETE', `/api/v1/users/${me}`)).status).toBe(409);
    expect((await t.delete('/api/v1/users/nobody')).status).toBe(404);
  });
});
