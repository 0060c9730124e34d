import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from './digest.js';
import { createManualClock, createTestApp, type TestApp } from '../test-support/test-app.js';

/**
 * Every admin route of the OpenAPI document, with every kind of credential: each answers 401
 * when the credential proves no one, 403 when it may not use the route, and otherwise the
 * route's own answer. The expectations are written here from the roles' definitions
 * (docs/people.md), not derived from the code that enforces them.
 */

type Credential =
  | 'none'
  | 'admin key'
  | 'server key'
  | 'client key'
  | 'viewer session'
  | 'editor session'
  | 'admin session'
  | 'viewer token'
  | 'editor token'
  | 'admin token'
  | 'expired session'
  | 'disabled session'
  | 'disabled token';

const CREDENTIALS: readonly Credential[] = [
  'none',
  'admin key',
  'server key',
  'client key',
  'viewer session',
  'editor session',
  'admin session',
  'viewer token',
  'editor token',
  'admin token',
  'expired session',
  'disabled session',
  'disabled token',
];

// Routes that need no credential at all.
const PUBLIC = new Set(['POST /api/v1/session', 'GET /api/v1/session/methods', 'POST /api/v1/invitations/{token}']);
// Areas for admins only, reads included.
const ADMIN_ONLY = ['/api/v1/keys', '/api/v1/users', '/api/v1/webhooks', '/api/v1/import'];

type Role = 'viewer' | 'editor' | 'admin';

/** The role a route needs, from the definitions of the roles. */
function needed(method: string, path: string): Role {
  if (ADMIN_ONLY.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return 'admin';
  if (path === '/api/v1/me' || path.startsWith('/api/v1/me/') || path.startsWith('/api/v1/session')) return 'viewer';
  if (method === 'GET') return 'viewer';
  if (path.startsWith('/api/v1/environments')) return 'admin';
  return 'editor';
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** What `credential` must get from `method path` (with `environment` filled in). */
function expected(
  credential: Credential,
  method: string,
  template: string,
  environment: string,
): 'allowed' | 401 | 403 {
  if (PUBLIC.has(`${method} ${template}`)) return 'allowed';
  if (['none', 'expired session', 'disabled session', 'disabled token'].includes(credential)) return 401;
  if (credential === 'server key' || credential === 'client key') return 403;
  const role: Role = credential.startsWith('viewer') ? 'viewer' : credential.startsWith('editor') ? 'editor' : 'admin';
  if (RANK[role] < RANK[needed(method, template)]) return 403;
  // Production is protected: only admins change configurations there, one environment or all at once.
  const changesProduction =
    method !== 'GET' &&
    (template.includes('/environments/{env}')
      ? environment === 'production'
      : /^\/api\/v1\/flags\/\{key\}\/(kill|revive)$/.test(template) ||
        (method === 'DELETE' && template === '/api/v1/flags/{key}'));
  if (changesProduction && role !== 'admin') return 403;
  // Tokens belong to people: a key has none.
  if (credential === 'admin key' && template.startsWith('/api/v1/me/tokens')) return 403;
  return 'allowed';
}

describe('the authorisation matrix of the admin API', () => {
  let t: TestApp;
  const secrets: Record<string, string> = {};
  const routes: { method: string; template: string }[] = [];

  beforeAll(async () => {
    const clock = createManualClock();
    t = await createTestApp({ clock });
    await t.post('/api/v1/flags', { key: 'a' });
    secrets['server key'] = String(
      (await t.post('/api/v1/keys', { kind: 'server', environment: 'production', name: 's' })).json.secret,
    );
    secrets['client key'] = String(
      (await t.post('/api/v1/keys', { kind: 'client', environment: 'production', name: 'c' })).json.secret,
    );
    secrets['admin key'] = t.adminKey;
    for (const role of ['viewer', 'editor', 'admin', 'disabled'] as const) {
      const created = await t.post('/api/v1/users', {
        email: `${role}@example.com`,
        name: role,
        role: role === 'disabled' ? 'editor' : role,
      });
      const invitation = created.json.invitation as { token: string };
      secrets[`${role} invitation`] = invitation.token;
      await t.request('POST', `/api/v1/invitations/${invitation.token}`, {
        key: null,
        body: { password: 'correct horse battery staple' },
      });
      const signedIn = await t.request('POST', '/api/v1/session', {
        key: null,
        body: { email: `${role}@example.com`, password: 'correct horse battery staple' },
      });
      secrets[`${role} session`] = /rampart_session=([^;]*)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
      const cookie = { cookie: `rampart_session=${secrets[`${role} session`] ?? ''}`, origin: 'http://localhost' };
      const token = await t.request('POST', '/api/v1/me/tokens', {
        key: null,
        headers: cookie,
        body: { name: 'matrix' },
      });
      secrets[`${role} token`] = String(token.json.token);
      if (role === 'disabled')
        await t.patch(`/api/v1/users/${(created.json.user as { id: string }).id}`, { disabled: true });
    }
    // A session that expired: stored with a past expiry.
    secrets['expired session'] = 'an-expired-session-token-for-the-matrix-test-0123';
    const viewer = await t.store.getUserByEmail('viewer@example.com');
    const hash = await sha256Hex(secrets['expired session']);
    await t.store.transaction((tx) =>
      tx.insertSession({
        hash,
        userId: viewer?.id ?? '',
        method: 'password',
        createdAt: '2029-12-31T00:00:00.000Z',
        expiresAt: '2029-12-31T12:00:00.000Z',
        lastSeenAt: '2029-12-31T00:00:00.000Z',
      }),
    );
    const document = (await t.get('/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    for (const [path, operations] of Object.entries(document.paths)) {
      if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/sdk/') || path.startsWith('/api/v1/client/'))
        continue;
      for (const method of Object.keys(operations)) {
        const upper = method.toUpperCase();
        // Signing out would end the session the rest of the matrix uses; it is tested on its own.
        if (upper === 'DELETE' && path === '/api/v1/session') continue;
        routes.push({ method: upper, template: path });
      }
    }
  });
  afterAll(() => t.close());

  /**
   * Sends `method path` with `credential`: its status, and its body as text. A stream's body
   * never ends, so of an event stream only what arrives first is read (its opening event), and
   * then the stream is cancelled.
   */
  const send = async (credential: Credential, method: string, path: string) => {
    const headers: Record<string, string> = {};
    const secret = secrets[credential] ?? '';
    if (credential.endsWith('session'))
      Object.assign(headers, { cookie: `rampart_session=${secret}`, origin: 'http://localhost' });
    else if (credential !== 'none') headers.authorization = `Bearer ${secret}`;
    const withBody = method !== 'GET' && method !== 'DELETE';
    if (withBody) headers['content-type'] = 'application/json';
    const response = await t.app.request(path, { method, headers, ...(withBody ? { body: '{}' } : {}) });
    if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream'))
      return { status: response.status, text: await response.text() };
    const reader = response.body?.getReader();
    const first = await reader?.read();
    await reader?.cancel();
    return { status: response.status, text: new TextDecoder().decode(first?.value) };
  };

  it('covers every admin route of the document, streams included', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toContainEqual({ method: 'GET', template: '/api/v1/audit/stream' });
    expect(routes).toContainEqual({ method: 'POST', template: '/api/v1/users' });
    expect(routes).toContainEqual({ method: 'PATCH', template: '/api/v1/environments/{key}' });
  });

  it('answers each credential on each route as its role allows', async () => {
    const wrong: string[] = [];
    for (const { method, template } of routes) {
      for (const environment of template.includes('{env}') ? ['development', 'production'] : ['development']) {
        const path = template
          .replace('{key}', template.startsWith('/api/v1/environments') ? 'development' : 'a')
          .replace('{env}', environment)
          .replace('{token}', 'rpi_unknown')
          .replace(/\{[A-Za-z]+\}/g, 'unknown');
        for (const credential of CREDENTIALS) {
          const want = expected(credential, method, template, environment);
          const { status } = await send(credential, method, path);
          const ok = want === 'allowed' ? status !== 401 && status !== 403 : status === want;
          if (!ok) wrong.push(`${credential}: ${method} ${path} answered ${status}, expected ${want}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // Each stream the matrix opened was read and closed; none is left behind.
    expect(t.delivery.stats().streams).toEqual({ sdk: 0, client: 0, audit: 0 });
  }, 120_000);

  it('shows no key secret, password hash, session or invitation token on any route an admin reads', async () => {
    const shown: string[] = [];
    for (const { method, template } of routes.filter((route) => route.method === 'GET')) {
      const path = template.replace(/\{[A-Za-z]+\}/g, 'a');
      shown.push((await send('admin key', method, path)).text);
    }
    const text = shown.join('\n');
    expect(text).not.toContain('$argon2id$');
    for (const [name, secret] of Object.entries(secrets))
      if (secret.length > 8) expect(text, name).not.toContain(secret);
  });
});
