import { afterEach, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../test-support/live-server.js';
import { HIDDEN_WORDS as HIDDEN } from '../test-support/client-flags.js';
import { openRawStream, type RawStream } from '../test-support/sse-reader.js';
import type { ClientResults } from './client-results.js';

const CONTEXT = { userId: 'u-1', plan: 'zz-platinum', country: 'zz-atlantis' };
/** Blue for the plan of CONTEXT; grey, the default variant, for everyone else. */
const COLOUR = {
  enabled: true,
  rules: [
    { conditions: [{ attribute: 'plan', operator: 'in', values: ['zz-platinum'] }], rollout: { percentage: 100 } },
  ],
  variants: [
    { key: 'blue', value: '#00f', weight: 1 },
    { key: 'grey', value: '#888', weight: 0 },
  ],
  defaultVariant: 'grey',
};

let server: LiveServer | undefined;
const streams: RawStream[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await server?.close();
  server = undefined;
});

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function setUp() {
  const started = await startLiveServer();
  server = started;
  const ok = async (pending: Promise<{ status: number; body: unknown }>) => {
    const response = await pending;
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  };
  const { admin } = started;
  await ok(
    admin.post('/api/v1/segments', {
      key: 'seg-zz-hidden',
      conditions: [{ attribute: 'country', operator: 'in', values: ['zz-atlantis'] }],
    }),
  );
  await ok(admin.post('/api/v1/flags', { key: 'cs-banner', clientSide: true }));
  await ok(
    admin.put(
      '/api/v1/flags/cs-banner/environments/production',
      {
        enabled: true,
        rules: [
          {
            id: 'rule-zz-hidden',
            segments: ['seg-zz-hidden'],
            conditions: [{ attribute: 'plan', operator: 'in', values: ['zz-platinum'] }],
            rollout: { percentage: 100, salt: 'salt-zz-hidden' },
          },
        ],
      },
      { 'if-match': '"1"' },
    ),
  );
  await ok(admin.post('/api/v1/flags', { key: 'cs-colour', type: 'string', clientSide: true }));
  await ok(admin.put('/api/v1/flags/cs-colour/environments/production', COLOUR, { 'if-match': '"1"' }));
  await ok(admin.post('/api/v1/flags', { key: 'srv-zz-secret' }));
  await ok(
    admin.put(
      '/api/v1/flags/srv-zz-secret/environments/production',
      { enabled: true, rules: [{ rollout: { percentage: 100 } }] },
      { 'if-match': '"1"' },
    ),
  );
  const client = await started.createKey('client', 'production');
  const open = async (query: string, headers: Record<string, string> = {}) => {
    const stream = await openRawStream(`${started.url}/api/v1/client/stream?${query}`, headers);
    streams.push(stream);
    return stream;
  };
  return { server: started, clientKey: client.secret, open, ok };
}

const flagEvents = (stream: RawStream) => stream.events().filter((event) => event.event === 'flags');
const results = (stream: RawStream, index: number) =>
  JSON.parse(flagEvents(stream)[index]?.data ?? 'null') as ClientResults;

describe('/client/stream', () => {
  it('sends the same results as POST /client/evaluate on connect, with the key in the query', async () => {
    const { server, clientKey, open } = await setUp();
    const stream = await open(`key=${encodeURIComponent(clientKey)}&context=${base64Url(CONTEXT)}`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-store');
    await stream.until((s) => flagEvents(s).length >= 1);
    const evaluated = await fetch(`${server.url}/api/v1/client/evaluate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ context: CONTEXT }),
    });
    expect(results(stream, 0)).toEqual(await evaluated.json());
    expect(results(stream, 0).flags).toEqual({
      'cs-banner': { enabled: true, variant: null, value: true, reason: 'TARGETING_MATCH' },
      'cs-colour': { enabled: true, variant: 'blue', value: '#00f', reason: 'TARGETING_MATCH' },
    });
  });

  it('sends the default variant and its value where no rule matches, and follows a change of it', async () => {
    const { server, clientKey, open, ok } = await setUp();
    const stream = await open(`key=${encodeURIComponent(clientKey)}&context=${base64Url({ userId: 'u-2' })}`);
    await stream.until((s) => flagEvents(s).length >= 1);
    expect(results(stream, 0).flags['cs-colour']).toEqual({
      enabled: false,
      variant: 'grey',
      value: '#888',
      reason: 'DEFAULT',
    });
    const { defaultVariant, ...withoutDefault } = COLOUR;
    expect(defaultVariant).toBe('grey');
    await ok(
      server.admin.put('/api/v1/flags/cs-colour/environments/production', withoutDefault, { 'if-match': '"2"' }),
    );
    await stream.until((s) => flagEvents(s).length >= 2);
    expect(results(stream, 1).flags['cs-colour']).toEqual({ enabled: false, variant: null, reason: 'DEFAULT' });
  });

  it('sends new results only when a change alters them for the context', async () => {
    const { server, clientKey, open, ok } = await setUp();
    const stream = await open(`context=${base64Url(CONTEXT)}`, { authorization: `Bearer ${clientKey}` });
    await stream.until((s) => flagEvents(s).length >= 1);
    // Invisible to this client: a server-only flag, and a segment edit that keeps its answer,
    // each published on its own before the next change.
    const published = async () => {
      const version = (await server.store.getEnvironment('production'))?.version;
      await expect
        .poll(() => server.delivery.stats().environments.find((e) => e.environment === 'production')?.version, {
          interval: 5,
        })
        .toBe(version);
    };
    await ok(server.admin.post('/api/v1/flags/srv-zz-secret/environments/production/kill', {}));
    await published();
    await ok(
      server.admin.put('/api/v1/segments/seg-zz-hidden', {
        conditions: [{ attribute: 'country', operator: 'in', values: ['zz-atlantis', 'zz-lemuria'] }],
      }),
    );
    await published();
    await ok(server.admin.post('/api/v1/flags/cs-colour/environments/production/kill', {}));
    const killed = (await server.store.getEnvironment('production'))?.version;
    await stream.until((s) => flagEvents(s).length >= 2);
    expect(results(stream, 1).version).toBe(killed);
    expect(results(stream, 1).flags['cs-colour']).toEqual({ enabled: false, variant: null, reason: 'DISABLED' });
    // A segment edit that drops the context from the cohort does reach it.
    await ok(
      server.admin.put('/api/v1/segments/seg-zz-hidden', {
        conditions: [{ attribute: 'country', operator: 'in', values: ['zz-lemuria'] }],
      }),
    );
    await stream.until((s) => flagEvents(s).length >= 3);
    expect(results(stream, 2).flags['cs-banner']).toMatchObject({ enabled: false, reason: 'DEFAULT' });
    expect(flagEvents(stream)).toHaveLength(3);
  });

  it('never sends rules, segments or flags that are not clientSide (checked on the raw bytes)', async () => {
    const { server, clientKey, open, ok } = await setUp();
    const stream = await open(`key=${encodeURIComponent(clientKey)}&context=${base64Url(CONTEXT)}`);
    await stream.until((s) => flagEvents(s).length >= 1);
    await ok(server.admin.post('/api/v1/flags/cs-banner/environments/production/kill', {}));
    await ok(server.admin.post('/api/v1/flags/srv-zz-secret/environments/production/kill', {}));
    await ok(server.admin.post('/api/v1/flags/cs-banner/environments/production/revive', {}));
    await stream.until((s) => flagEvents(s).length >= 3);
    for (const word of HIDDEN) expect(stream.text).not.toContain(word);
    expect(Object.keys(results(stream, 2).flags)).toEqual(['cs-banner', 'cs-colour']);
  });

  it('refuses a context that is not base64url JSON of flat attributes, and keys that are not client keys', async () => {
    const { server, clientKey } = await setUp();
    const { secret: serverKey } = await server.createKey('server', 'production');
    const statusOf = async (query: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${server.url}/api/v1/client/stream?${query}`, { headers });
      const body = (await response.json()) as { error: { code: string } };
      return [response.status, body.error.code];
    };
    expect(await statusOf(`key=${clientKey}&context=%%%`)).toEqual([400, 'validation_failed']);
    expect(await statusOf(`key=${clientKey}&context=${base64Url(['list'])}`)).toEqual([400, 'validation_failed']);
    expect(await statusOf(`key=${clientKey}&context=${base64Url({ nested: { a: 1 } })}`)).toEqual([
      400,
      'validation_failed',
    ]);
    expect(await statusOf('')).toEqual([401, 'unauthorized']);
    expect(await statusOf(`key=${serverKey}`)).toEqual([403, 'forbidden']);
    expect(server.delivery.stats().streams.client).toBe(0);
  });
});
