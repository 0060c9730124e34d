import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, createTestApp, type TestApp } from '../test-support/test-app.js';
import type { SsoConfig } from './sso-config.js';

interface Account {
  email: string;
  name: string;
  groups: string[];
  /** Absent: verified; `null`: the provider says nothing of it (as Entra ID). */
  email_verified?: boolean | null;
}

const ACCOUNTS: Record<string, Account> = {};
const CALLBACK = 'http://localhost/api/v1/session/sso/callback';

/** A real OpenID Connect provider on a local port, with its development sign-in pages. */
async function startProvider(): Promise<{ issuer: string; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'rampart',
        client_secret: 'a-client-secret-for-the-test',
        redirect_uris: [CALLBACK],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    // Put the requested claims in the ID token, as Okta and Entra can be set to.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    findAccount: (_ctx, id) => {
      const account = ACCOUNTS[id];
      return account === undefined
        ? undefined
        : {
            accountId: id,
            claims: () => {
              const { email_verified: verified = true, ...rest } = account;
              return { sub: id, ...rest, ...(verified === null ? {} : { email_verified: verified }) };
            },
          };
    },
    cookies: { keys: ['a-cookie-key-for-the-test'] },
  });
  server.on('request', provider.callback());
  return { issuer, server };
}

/** A browser's cookies for the provider. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Follows the provider's pages as a browser would, submitting its sign-in and consent forms, until it sends the browser back. */
async function throughProvider(start: string, login: string): Promise<string> {
  const jar = new CookieJar();
  let url = start;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(CALLBACK)) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(response);
    const location = response.headers.get('location');
    if (location !== null) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (action === undefined || prompt === undefined)
      throw new Error(`unexpected page at ${url}: ${html.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
    const submitted = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    jar.take(submitted);
    url = new URL(submitted.headers.get('location') ?? url, url).href;
  }
  throw new Error('the provider never sent the browser back');
}

describe('single sign-on with OpenID Connect', () => {
  let provider: { issuer: string; server: Server };
  let t: TestApp;
  let sso: SsoConfig;
  beforeAll(async () => {
    provider = await startProvider();
    sso = {
      issuer: provider.issuer,
      clientId: 'rampart',
      clientSecret: 'a-client-secret-for-the-test',
      groupsClaim: 'groups',
      roleMapping: [
        { group: 'everyone', role: 'viewer' },
        { group: 'engineering', role: 'editor' },
        { group: 'platform-admins', role: 'admin' },
      ],
      scopes: 'openid email profile groups',
      label: 'Sign in with Example ID',
      redirectUri: CALLBACK,
    };
  });
  afterAll(() => new Promise<void>((resolve) => provider.server.close(() => resolve())));
  beforeEach(async () => {
    t = await createTestApp({ publicUrl: 'http://localhost', sso });
    ACCOUNTS.alice = { email: 'Alice@Example.com', name: 'Alice Martin', groups: ['everyone', 'engineering'] };
    ACCOUNTS.mallory = { email: 'mallory@example.com', name: 'Mallory', groups: ['contractors'] };
  });
  afterEach(() => t.close());
  const bindings = new Map<string, string>();

  /** Starts at Rampart and goes through the provider: the callback URL the provider sends the browser back to. */
  async function leave(login: string, returnTo = '/flags', app: TestApp = t): Promise<URL> {
    const started = await app.request('GET', `/api/v1/session/sso?returnTo=${encodeURIComponent(returnTo)}`, {
      key: null,
    });
    expect(started.status).toBe(302);
    const authorize = new URL(started.headers.get('location') ?? '');
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const back = new URL(await throughProvider(authorize.href, login));
    // The browser keeps the cookie that ties the sign-in to it, and sends it back with the callback.
    const binding = /rampart_sso=([^;]*)/.exec(started.headers.get('set-cookie') ?? '')?.[1] ?? '';
    bindings.set(back.searchParams.get('state') ?? '', binding);
    return back;
  }

  /** Comes back to Rampart's callback, with the session cookie the browser has, if any. */
  function comeBack(
    back: URL,
    cookie?: string,
    app: TestApp = t,
    binding = bindings.get(back.searchParams.get('state') ?? ''),
  ) {
    const cookies = [
      ...(binding === undefined ? [] : [`rampart_sso=${binding}`]),
      ...(cookie === undefined ? [] : [`rampart_session=${cookie}`]),
    ];
    return app.request('GET', `${back.pathname}${back.search}`, { key: null, headers: { cookie: cookies.join('; ') } });
  }

  /** The whole round trip: Rampart, the provider, and back to Rampart's callback. */
  async function signIn(login: string, returnTo = '/flags') {
    return comeBack(await leave(login, returnTo));
  }

  const cookieOf = (answer: { headers: Headers }) =>
    /rampart_session=([^;]*)/.exec(answer.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const meWith = (cookie: string) =>
    t.request('GET', '/api/v1/me', { key: null, headers: { cookie: `rampart_session=${cookie}` } });
  const me = (answer: { headers: Headers }) => meWith(cookieOf(answer));

  it('signs a person in, creating them with the highest role their groups map to, and sends them back', async () => {
    const answer = await signIn('alice');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/flags');
    expect((await me(answer)).json).toMatchObject({
      kind: 'person',
      name: 'alice@example.com',
      role: 'editor',
      user: { name: 'Alice Martin', singleSignOn: true, hasPassword: false },
    });
    expect((await t.get('/api/v1/audit?limit=1')).json.entries).toMatchObject([
      { action: 'user.created', actor: 'alice@example.com', via: 'ui', reason: 'first single sign-on' },
    ]);
  });

  it('reuses the person on the next sign-in and follows their groups', async () => {
    await signIn('alice');
    ACCOUNTS.alice = { email: 'alice@example.com', name: 'Alice Martin', groups: ['engineering', 'platform-admins'] };
    const again = await signIn('alice');
    expect((await me(again)).json).toMatchObject({ role: 'admin' });
    expect(((await t.get('/api/v1/users')).json.users as unknown[]).length).toBe(1);
    ACCOUNTS.alice = { email: 'alice@example.com', name: 'Alice Martin', groups: ['everyone'] };
    expect((await me(await signIn('alice'))).json).toMatchObject({ role: 'viewer' });
  });

  it('links a person the admin invited by email', async () => {
    await t.post('/api/v1/users', { email: 'alice@example.com', name: 'Alice', role: 'viewer' });
    const answer = await signIn('alice');
    expect((await me(answer)).json).toMatchObject({ role: 'editor', user: { singleSignOn: true } });
    expect(((await t.get('/api/v1/users')).json.users as unknown[]).length).toBe(1);
  });

  it('refuses a person none of whose groups has a role, creating nothing', async () => {
    const answer = await signIn('mallory');
    expect(answer.status).toBe(403);
    expect(answer.json.error).toMatchObject({
      message: 'none of your groups (contractors) has a role here; ask an admin to map one in OIDC_ROLE_MAPPING',
    });
    expect(answer.headers.get('set-cookie') ?? '').not.toContain('rampart_session=');
    expect((await t.get('/api/v1/users')).json.users).toEqual([]);
  });

  it('refuses a callback whose state it did not send, and a provider error', async () => {
    const forged = await t.request('GET', '/api/v1/session/sso/callback?code=abc&state=made-up', { key: null });
    expect(forged.status).toBe(400);
    const refused = await t.request(
      'GET',
      '/api/v1/session/sso/callback?error=access_denied&error_description=denied',
      {
        key: null,
      },
    );
    expect(refused.status).toBe(401);
    expect(refused.json.error).toMatchObject({ message: 'the identity provider refused the sign-in: denied' });
  });

  it('refuses a callback that is replayed, whose state was tampered with, or that took longer than 10 minutes', async () => {
    const back = await leave('alice');
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state') ?? ''}x`);
    const answer = await comeBack(tampered);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/start again/),
    });
    expect((await comeBack(back)).status).toBe(302);
    const replayed = await comeBack(back);
    expect(replayed.status).toBe(400);
    expect(replayed.headers.get('set-cookie') ?? '').not.toContain('rampart_session=');

    const clock = createManualClock(Date.now());
    const slow = await createTestApp({ publicUrl: 'http://localhost', sso, clock });
    try {
      const late = await leave('alice', '/', slow);
      clock.advance(10 * 60 + 1);
      expect((await comeBack(late, undefined, slow)).status).toBe(400);
      expect((await slow.get('/api/v1/users')).json.users).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  it('ends the session the browser had, and audits a person only when their role changes', async () => {
    const first = await signIn('alice');
    const before = cookieOf(first);
    expect((await meWith(before)).status).toBe(200);
    const second = await comeBack(await leave('alice'), before);
    expect(second.status).toBe(302);
    expect((await meWith(before)).status).toBe(401);
    expect((await me(second)).json).toMatchObject({ kind: 'person', role: 'editor' });
    const actions = async () =>
      ((await t.get('/api/v1/audit?limit=20')).json.entries as { action: string }[])
        .map((entry) => entry.action)
        .filter((action) => action.startsWith('user.'));
    expect(await actions()).toEqual(['user.created']);
    ACCOUNTS.alice = { email: 'alice@example.com', name: 'Alice Martin', groups: ['everyone'] };
    await signIn('alice');
    expect(await actions()).toEqual(['user.updated', 'user.created']);
  });

  it('refuses a disabled person, and an email the provider says is not verified', async () => {
    await signIn('alice');
    const [alice] = (await t.get('/api/v1/users')).json.users as { id: string }[];
    expect((await t.patch(`/api/v1/users/${alice?.id ?? ''}`, { disabled: true })).status).toBe(200);
    const disabled = await signIn('alice');
    expect(disabled.status).toBe(403);
    expect(disabled.json.error).toMatchObject({ message: 'this account is disabled; ask an admin' });
    expect(disabled.headers.get('set-cookie') ?? '').not.toContain('rampart_session=');

    ACCOUNTS.eve = { email: 'eve@example.com', name: 'Eve', groups: ['platform-admins'], email_verified: false };
    const unverified = await signIn('eve');
    expect(unverified.status).toBe(403);
    expect(unverified.json.error).toMatchObject({ message: expect.stringMatching(/verified email/) });
    expect(((await t.get('/api/v1/users')).json.users as unknown[]).length).toBe(1);
  });

  it('sends the person back only to a path on this server', async () => {
    expect((await signIn('alice', 'https://evil.example/steal')).headers.get('location')).toBe('/');
    expect((await signIn('alice', '//evil.example')).headers.get('location')).toBe('/');
  });

  it('offers the single sign-on button only when it is configured', async () => {
    expect((await t.request('GET', '/api/v1/session/methods', { key: null })).json).toEqual({
      password: true,
      sso: { url: '/api/v1/session/sso', label: 'Sign in with Example ID' },
    });
    const plain = await createTestApp();
    try {
      expect((await plain.request('GET', '/api/v1/session/methods', { key: null })).json).toEqual({
        password: true,
        sso: null,
      });
      expect((await plain.request('GET', '/api/v1/session/sso', { key: null })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('finishes a sign-in only in the browser that started it', async () => {
    const back = await leave('alice');
    // Another browser (an attacker's link opened by a victim) has no cookie for it.
    const elsewhere = await comeBack(back, undefined, t, 'some-other-browser');
    expect(elsewhere.status).toBe(400);
    expect((await t.get('/api/v1/users')).json.users).toEqual([]);
  });

  it('links an invited account only when the provider verified the email, and never takes one linked elsewhere', async () => {
    await t.post('/api/v1/users', { email: 'alice@example.com', name: 'Alice', role: 'admin' });
    ACCOUNTS.alice = { email: 'alice@example.com', name: 'Alice', groups: ['everyone'], email_verified: null };
    const unverified = await signIn('alice');
    expect(unverified.status).toBe(403);
    expect((await t.get('/api/v1/users')).json.users).toMatchObject([
      { email: 'alice@example.com', role: 'admin', singleSignOn: false },
    ]);
    ACCOUNTS.alice = { email: 'alice@example.com', name: 'Alice', groups: ['everyone'], email_verified: true };
    expect((await signIn('alice')).status).toBe(302);
    // Another identity claiming the same email cannot take the account over.
    ACCOUNTS.impostor = {
      email: 'alice@example.com',
      name: 'Not Alice',
      groups: ['platform-admins'],
      email_verified: true,
    };
    const impostor = await signIn('impostor');
    expect(impostor.status).toBe(403);
    expect((await t.get('/api/v1/users')).json.users).toMatchObject([{ email: 'alice@example.com', role: 'viewer' }]);
  });

  it('sends the person back only to a path on this server, whatever characters the path hides', async () => {
    for (const returnTo of ['/\t/evil.example/x', '/\\evil.example', '/\n/evil', 'javascript:alert(1)'])
      expect((await signIn('alice', returnTo)).headers.get('location')).toBe('/');
    expect((await signIn('alice', '/flags?q=a#top')).headers.get('location')).toBe('/flags?q=a#top');
  });
});
