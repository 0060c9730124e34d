import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLiveServer } from '../test-support/live-server.js';
import { openRawStream, readRawStream, type RawStream } from '../test-support/sse-reader.js';
import { createManualClock, createTestApp, type TestApp } from '../test-support/test-app.js';

const PASSWORD = 'correct horse battery staple';

let t: TestApp;
let streams: RawStream[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const stream of streams) stream.close();
  streams = [];
  await t.close();
});

/** Opens `/api/v1/audit/stream` in process and waits for its `ready` event. */
async function openStream(query = '', headers: Record<string, string> = { authorization: `Bearer ${t.adminKey}` }) {
  const response = await t.app.request(`/api/v1/audit/stream${query}`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const stream = readRawStream(response);
  streams.push(stream);
  await stream.until((s) => s.events().some((event) => event.event === 'ready'));
  return stream;
}

const audits = (stream: RawStream) => stream.events().filter((event) => event.event === 'audit');
const ids = (stream: RawStream) => audits(stream).map((event) => event.id);
const ready = (stream: RawStream) => JSON.parse(stream.events()[0]?.data ?? 'null') as { after: string | null };

/** Entries as `GET /audit` lists them (newest first). */
async function listed(query = '') {
  return (await t.get(`/api/v1/audit?limit=500${query}`)).json.entries as { id: string; action: string }[];
}

/** Resolves once `stream` has an audit event with `id`. */
function receive(stream: RawStream, id: string, timeoutMs?: number) {
  return stream.until((s) => ids(s).includes(id), timeoutMs);
}

async function newest(): Promise<string> {
  return (await listed())[0]?.id ?? '';
}

describe('GET /api/v1/audit/stream', () => {
  it('opens with ready, then sends each entry made through the API as GET /audit shows it', async () => {
    t = await createTestApp();
    const before = await newest();
    const stream = await openStream();
    expect(stream.events()[0]).toMatchObject({ event: 'ready', id: undefined });
    expect(ready(stream)).toEqual({ after: before });
    expect(t.delivery.stats().streams.audit).toBe(1);

    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/flags/a/environments/production/revive', { reason: 'go' });
    const [revived, created] = await listed();
    await receive(stream, revived?.id ?? '');
    expect(audits(stream).map((event) => JSON.parse(event.data) as unknown)).toEqual([created, revived]);
    expect(ids(stream)).toEqual([created?.id, revived?.id]);
    expect(stream.text).toMatch(/\n\nevent: audit\nid: \d+\ndata: \{"id":/);
  });

  it('filters by flag and by environment as GET /audit does', async () => {
    t = await createTestApp();
    const queries = ['?flag=a', '?environment=production', '?flag=a&environment=production', ''];
    const filtered = await Promise.all(queries.map((query) => openStream(query)));
    const after = ready(filtered[0] as RawStream).after ?? '0';
    await t.post('/api/v1/flags', { key: 'a' });
    await t.post('/api/v1/flags', { key: 'b' });
    for (const flag of ['a', 'b'])
      for (const environment of ['development', 'production'])
        await t.post(`/api/v1/flags/${flag}/environments/${environment}/revive`);
    await t.post('/api/v1/segments', { key: 's', conditions: [] });
    // The last change passes every filter: once each stream has it, each has all it will get.
    await t.post('/api/v1/flags/a/environments/production/kill');
    const last = await newest();
    for (const [i, query] of queries.entries()) {
      const stream = filtered[i] as RawStream;
      await receive(stream, last);
      const expected = (await listed(query.replace('?', '&'))).filter((entry) => Number(entry.id) > Number(after));
      expect(ids(stream), query).toEqual(expected.map((entry) => entry.id).reverse());
    }
    expect(
      audits(filtered[2] as RawStream).map((event) => (JSON.parse(event.data) as { action: string }).action),
    ).toEqual(['config.revived', 'config.killed']);
  });

  it('resumes after Last-Event-ID with the entries it missed, oldest first, then goes on live; the header wins', async () => {
    t = await createTestApp();
    const first = await openStream();
    for (const key of ['a', 'b', 'c']) await t.post('/api/v1/flags', { key });
    const [c, b, a] = await listed();
    await receive(first, c?.id ?? '');
    first.close();

    const resumed = await openStream(`?after=${a?.id ?? ''}`, {
      authorization: `Bearer ${t.adminKey}`,
      'last-event-id': b?.id ?? '',
    });
    expect(ready(resumed)).toEqual({ after: c?.id });
    await receive(resumed, c?.id ?? '');
    await t.post('/api/v1/flags', { key: 'd' });
    const d = await newest();
    await receive(resumed, d);
    expect(ids(resumed)).toEqual([c?.id, d]);

    const byQuery = await openStream(`?after=${a?.id ?? ''}&flag=c`);
    await receive(byQuery, c?.id ?? '');
    expect(ids(byQuery)).toEqual([c?.id]);
  });

  it('sends reset when more entries were missed than it replays, then goes on live', async () => {
    t = await createTestApp();
    const from = await newest();
    await t.store.transaction(async (tx) => {
      for (let n = 0; n < 501; n++)
        await tx.appendAudit({
          at: '2030-01-01T00:00:00.000Z',
          actor: 'import',
          action: 'flag.created',
          targetKind: 'flag',
          target: `f${n}`,
          before: null,
          after: null,
        });
    });
    const last = await newest();

    const replayed = await openStream('', {
      authorization: `Bearer ${t.adminKey}`,
      'last-event-id': String(Number(from) + 1),
    });
    await receive(replayed, last);
    expect(audits(replayed)).toHaveLength(500);
    expect(replayed.events().some((event) => event.event === 'reset')).toBe(false);

    const reset = await openStream('', { authorization: `Bearer ${t.adminKey}`, 'last-event-id': from });
    expect(reset.events()[1]).toMatchObject({ event: 'reset', id: last, data: '{}' });
    await t.post('/api/v1/flags', { key: 'after-reset' });
    const live = await newest();
    await receive(reset, live);
    expect(ids(reset)).toEqual([live]);
  });

  it('sends a change to keys or people, which no bus message announces, within about a second', async () => {
    t = await createTestApp();
    const stream = await openStream();
    const announced = t.publications.length;
    await t.post('/api/v1/keys', { kind: 'admin', name: 'ci' });
    await t.post('/api/v1/users', { email: 'ada@example.com', name: 'Ada', role: 'viewer' });
    const last = await newest();
    await receive(stream, last, 2_500);
    expect(audits(stream).map((event) => (JSON.parse(event.data) as { action: string }).action)).toEqual([
      'key.created',
      'user.created',
      'user.invited',
    ]);
    expect(t.publications.length).toBe(announced);
  });

  it("closes a key's stream as soon as the key is revoked here", async () => {
    t = await createTestApp();
    const created = await t.post('/api/v1/keys', { kind: 'admin', name: 'watcher' });
    const doomed = await openStream('', { authorization: `Bearer ${String(created.json.secret)}` });
    const kept = await openStream();
    expect((await t.delete(`/api/v1/keys/${String(created.json.id)}`)).status).toBe(200);
    expect(await doomed.ended).toBe('end');
    expect(t.delivery.stats().streams.audit).toBe(1);
    expect(t.delivery.stats().closed.revoked).toBe(1);
    const revoked = await newest();
    await receive(kept, revoked);
  });

  it('closes, at its next check, each stream whose credential stopped being valid, and no other', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = createManualClock();
    t = await createTestApp({ clock });
    const admin = await t.post('/api/v1/keys', { kind: 'admin', name: 'elsewhere' });
    const people = await Promise.all(['signs-out', 'disabled', 'expires', 'token'].map((name) => signUp(t, name)));
    const [signsOut, disabled, expires, token] = people;
    const tokenResponse = await t.request('POST', '/api/v1/me/tokens', {
      key: null,
      headers: cookieOf(token?.session ?? ''),
      body: { name: 'watch' },
    });
    const tokenSecret = String(tokenResponse.json.token);

    const byCookie = (person: { session: string } | undefined) => cookieOf(person?.session ?? '');
    const open = {
      signsOut: await openStream('', byCookie(signsOut)),
      disabled: await openStream('', byCookie(disabled)),
      expires: await openStream('', byCookie(expires)),
      token: await openStream('', { authorization: `Bearer ${tokenSecret}` }),
      elsewhere: await openStream('', { authorization: `Bearer ${String(admin.json.secret)}` }),
      kept: await openStream(),
    };

    await t.request('DELETE', '/api/v1/session', { key: null, headers: byCookie(signsOut) });
    await t.patch(`/api/v1/users/${disabled?.id ?? ''}`, { disabled: true });
    await t.request('DELETE', `/api/v1/me/tokens/${String(tokenResponse.json.id)}`, {
      key: null,
      headers: byCookie(token),
    });
    // Revoked through the store alone, as another instance would: only the check can tell.
    await t.store.transaction((tx) => tx.revokeKey(String(admin.json.id), clock.now().toISOString()));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(t.delivery.stats().streams.audit).toBe(6);

    // Past the session's 12 hours (and the key cache's 2 s).
    clock.advance(12 * 3600 + 1);
    await vi.advanceTimersByTimeAsync(1_000);
    const ended = [open.signsOut, open.disabled, open.expires, open.token, open.elsewhere];
    expect(await Promise.all(ended.map((stream) => stream.ended))).toEqual(['end', 'end', 'end', 'end', 'end']);
    expect(t.delivery.stats().streams.audit).toBe(1);
    expect(t.delivery.stats().closed.revoked).toBe(5);
    await t.post('/api/v1/flags', { key: 'still-watched' });
    await vi.advanceTimersByTimeAsync(1_000);
    await receive(open.kept, await newest());
  });

  it('ends every stream with retry: at shutdown, and answers new ones the same way', async () => {
    t = await createTestApp();
    const stream = await openStream();
    t.delivery.shutdown();
    expect(await stream.ended).toBe('end');
    expect(stream.text).toMatch(/\n\nretry: \d+\n\n$/);
    const late = readRawStream(
      await t.app.request('/api/v1/audit/stream', { headers: { authorization: `Bearer ${t.adminKey}` } }),
    );
    expect(await late.ended).toBe('end');
    expect(late.text).toMatch(/^retry: \d+\n\n$/);
  });

  it('leaves no timer running once the last stream has closed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    t = await createTestApp();
    const idle = vi.getTimerCount();
    const first = await openStream();
    const second = await openStream('?flag=a');
    expect(vi.getTimerCount()).toBeGreaterThan(idle);
    first.close();
    await first.ended;
    second.close();
    await second.ended;
    expect(t.delivery.stats().streams.audit).toBe(0);
    expect(vi.getTimerCount()).toBe(idle);
  });

  it('streams over HTTP as the server serves it, and answers HEAD with its headers, keeping no stream open', async () => {
    t = await createTestApp(); // unused here; closed after each test like the others
    const server = await startLiveServer();
    try {
      const headers = { authorization: `Bearer ${server.adminKey}` };
      const head = await fetch(`${server.url}/api/v1/audit/stream`, { method: 'HEAD', headers });
      expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([
        200,
        'text/event-stream; charset=utf-8',
        '',
      ]);
      const stream = await openRawStream(`${server.url}/api/v1/audit/stream`, headers);
      streams.push(stream);
      await stream.until((s) => s.events().some((event) => event.event === 'ready'));
      await server.admin.post('/api/v1/flags', { key: 'over-http' });
      await stream.until((s) => audits(s).length === 1);
      expect(JSON.parse(audits(stream)[0]?.data ?? '')).toMatchObject({ action: 'flag.created', target: 'over-http' });
      expect(server.delivery.stats().streams).toEqual({ sdk: 0, client: 0, audit: 1 });
    } finally {
      await server.close();
    }
  });

  it('is in the OpenAPI document, its events described', async () => {
    t = await createTestApp();
    const document = (await t.get('/openapi.json', null)).json as {
      paths: Record<
        string,
        Record<string, { operationId: string; tags: string[]; responses: Record<string, unknown> }>
      >;
    };
    const operation = document.paths['/api/v1/audit/stream']?.get;
    expect(operation).toMatchObject({
      operationId: 'streamAuditEntries',
      tags: ['audit'],
      responses: { 200: { content: { 'text/event-stream': { schema: { type: 'string' } } } } },
    });
    expect(JSON.stringify(operation?.responses[200])).toMatch(/event: ready.*event: audit.*event: reset/);
  });

  it('validates the query, naming the field', async () => {
    t = await createTestApp();
    for (const [query, path] of [
      ['?after=abc', 'after'],
      ['?environment=no%20such', 'environment'],
    ] as const) {
      const response = await t.get(`/api/v1/audit/stream${query}`);
      expect(response.status).toBe(400);
      expect(response.json.error).toMatchObject({ code: 'validation_failed', details: [{ path }] });
    }
  });
});

function cookieOf(session: string): Record<string, string> {
  return { cookie: `rampart_session=${session}`, origin: 'http://localhost' };
}

/** A viewer who has set a password and signed in: their id and session cookie. */
async function signUp(app: TestApp, name: string): Promise<{ id: string; session: string }> {
  const created = await app.post('/api/v1/users', { email: `${name}@example.com`, name, role: 'viewer' });
  const { token } = created.json.invitation as { token: string };
  await app.request('POST', `/api/v1/invitations/${token}`, { key: null, body: { password: PASSWORD } });
  const signedIn = await app.request('POST', '/api/v1/session', {
    key: null,
    body: { email: `${name}@example.com`, password: PASSWORD },
  });
  const session = /rampart_session=([^;]*)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
  return { id: (created.json.user as { id: string }).id, session };
}
