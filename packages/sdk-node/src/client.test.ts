import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientEvents, RampartClient } from './client-api.js';
import { createClient } from './client.js';
import type { ClientOptions } from './options.js';
import { createFakeRampart, flag, patchOf, snapshotOf } from './test-support/fake-rampart.js';

const clients: RampartClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

type Answers = ReturnType<typeof createFakeRampart>['answers'];

/** A client of a fake Rampart that answers as `answers` say, with every event it emits recorded in order. */
function setup(options: Partial<ClientOptions> = {}, answers: Partial<Answers> = {}) {
  const rampart = createFakeRampart();
  Object.assign(rampart.answers, answers);
  const client = createClient({ url: rampart.url, sdkKey: 'rps_test', platform: rampart.platform, ...options });
  clients.push(client);
  const events: { [K in keyof ClientEvents]: ClientEvents[K][] } = { ready: [], change: [], error: [], status: [] };
  client.on('ready', (payload) => events.ready.push(payload));
  client.on('change', (payload) => events.change.push(payload));
  client.on('error', (payload) => events.error.push(payload));
  client.on('status', (payload) => events.status.push(payload));
  let outcome: string | undefined;
  void client.ready().then((settled) => (outcome = settled));
  return { rampart, client, events, readyOutcome: () => outcome };
}

describe('ready()', () => {
  it('resolves ready as soon as the server’s snapshot arrives, well before the time-out', async () => {
    const { rampart, client, events, readyOutcome } = setup();
    expect(client.status).toBe('initializing');
    rampart.sendSnapshot(snapshotOf(1, [flag('new-checkout')]));
    await rampart.platform.settle();
    expect(readyOutcome()).toBe('ready');
    expect(client.status).toBe('ready');
    expect(client.version).toBe(1);
    expect(client.isEnabled('new-checkout')).toBe(true);
    expect(events.ready).toEqual([{ status: 'ready' }]);
  });

  it('resolves degraded after timeoutMs when the server does not answer, serving the bootstrap', async () => {
    const { rampart, client, events, readyOutcome } = setup(
      { timeoutMs: 3_000, bootstrap: snapshotOf(1, [flag('from-bootstrap')]) },
      { stream: () => 503 },
    );
    await rampart.platform.advance(2_999);
    expect(readyOutcome()).toBeUndefined();
    expect(client.status).toBe('initializing');
    await rampart.platform.advance(1);
    expect(readyOutcome()).toBe('degraded');
    expect(events.status).toEqual([{ status: 'degraded', previous: 'initializing' }]);
    expect(client.isEnabled('from-bootstrap')).toBe(true);
    expect(client.version).toBeUndefined();
  });

  it('waits 2 s by default', async () => {
    const { rampart, readyOutcome } = setup({}, { stream: () => 503 });
    await rampart.platform.advance(1_999);
    expect(readyOutcome()).toBeUndefined();
    await rampart.platform.advance(1);
    expect(readyOutcome()).toBe('degraded');
  });
});

describe('the stream', () => {
  it('reconnects with growing, jittered delays from its options and resumes with Last-Event-ID', async () => {
    const { rampart } = setup({ initialReconnectDelayMs: 200, maxReconnectDelayMs: 800 });
    rampart.sendSnapshot(snapshotOf(4, [flag('a')]));
    rampart.dropStream();
    // random() is 0.5: half of a ceiling of 200 ms doubling up to 800 ms.
    await rampart.platform.advance(1_500);
    expect(rampart.streams().map((request) => request.at)).toEqual([0, 100, 300, 700, 1_100, 1_500]);
    expect(rampart.streams().map((request) => request.headers['last-event-id'])).toEqual([
      undefined,
      ...Array<string>(5).fill('4'),
    ]);
  });

  it('takes 45 s without a byte, not even a heartbeat, for a dead connection', async () => {
    const { rampart, client } = setup();
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    await rampart.platform.advance(30_000);
    rampart.stream().write(': heartbeat\n\n');
    await rampart.platform.advance(44_999);
    expect(rampart.streams()).toHaveLength(1);
    await rampart.platform.advance(1);
    expect(rampart.streams()[0]?.aborted).toBe(true);
    expect(client.status).toBe('degraded');
    await rampart.platform.advance(500);
    expect(rampart.streams().map((request) => request.at)).toEqual([0, 75_500]);
    expect(client.status).toBe('ready');
  });

  it('reports a lost connection once per outage, and answers from the last flags meanwhile', async () => {
    const { rampart, client, events } = setup();
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    rampart.dropStream();
    await rampart.platform.advance(60_000);
    expect(rampart.streams().length).toBeGreaterThan(5);
    expect(events.error.map((error) => [error.code, error.cause])).toEqual([
      ['connection', expect.objectContaining({ code: 'stream_interrupted' })],
    ]);
    expect(events.error[0]?.message).toBe(
      'Lost the flag stream, answering from the last known flags and reconnecting: ' +
        'http://rampart.test/api/v1/sdk/stream ended the stream',
    );
    expect(client.isEnabled('a')).toBe(true);
  });

  it('names the stream’s URL and why it could not connect, as Node’s fetch keeps the reason in its cause', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4000'), { code: 'ECONNREFUSED' });
    const { rampart, events } = setup(
      {},
      {
        stream: () => {
          throw new TypeError('fetch failed', { cause: refused });
        },
      },
    );
    await rampart.platform.settle();
    expect(events.error.map((error) => error.message)).toEqual([
      'Lost the flag stream, answering from the last known flags and reconnecting: ' +
        'Could not connect to http://rampart.test/api/v1/sdk/stream: fetch failed: connect ECONNREFUSED 127.0.0.1:4000',
    ]);
  });
});

describe('status', () => {
  /** Each status the client takes, with when it took it on the fake clock. */
  function timeline(rampart: ReturnType<typeof setup>['rampart'], client: RampartClient) {
    const seen: [string, number][] = [];
    client.on('status', ({ status }) => seen.push([status, rampart.platform.now()]));
    return seen;
  }

  it('turns degraded the moment the stream breaks, not at the first failed poll', async () => {
    const { rampart, client, events } = setup({ pollIntervalMs: 10_000 });
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    await rampart.platform.advance(3_000);
    const statuses = timeline(rampart, client);
    rampart.stream().fail();
    await rampart.platform.settle();
    expect(statuses).toEqual([['degraded', 3_000]]);
    expect(rampart.polls()).toHaveLength(0);
    expect(events.error.map((error) => error.code)).toEqual(['connection']);
    // The reconnection fails as well (the fake answers 503): still degraded, nothing more said.
    rampart.answers.stream = () => 503;
    await rampart.platform.advance(9_999);
    expect(statuses).toEqual([['degraded', 3_000]]);
    expect(client.isEnabled('a')).toBe(true);
  });

  it('turns ready again when a resumed stream opens with nothing newer to send', async () => {
    const { rampart, client, events } = setup({ initialReconnectDelayMs: 1_000 });
    rampart.sendSnapshot(snapshotOf(4, [flag('a')]));
    await rampart.platform.settle();
    const statuses = timeline(rampart, client);
    rampart.dropStream();
    // 503 at 500 ms and 1.5 s; then the server is back, current at version 4: it opens the
    // stream and sends nothing, as the real one does to a client that has missed nothing.
    await rampart.platform.advance(1_500);
    rampart.answers.stream = () => 200;
    await rampart.platform.advance(2_000);
    expect(rampart.streams().map((request) => [request.at, request.headers['last-event-id']])).toEqual([
      [0, undefined],
      [500, '4'],
      [1_500, '4'],
      [3_500, '4'],
    ]);
    expect(statuses).toEqual([
      ['degraded', 0],
      ['ready', 3_500],
    ]);
    expect(events.change).toEqual([{ version: 4, flags: ['a'] }]);
    expect(client.version).toBe(4);
  });

  it('takes an open stream for live flags only once the server has sent some: a bootstrap waits for the snapshot', async () => {
    const { rampart, client, readyOutcome } = setup({ bootstrap: snapshotOf(1, [flag('from-bootstrap')]) });
    await rampart.platform.advance(2_000);
    expect(rampart.streams()).toHaveLength(1);
    expect(readyOutcome()).toBe('degraded');
    expect(client.status).toBe('degraded');
    rampart.sendSnapshot(snapshotOf(2, [flag('a')]));
    await rampart.platform.settle();
    expect(client.status).toBe('ready');
  });
});

describe('polling while the stream is down', () => {
  it('polls /sdk/flags every pollIntervalMs with the version it has, and stops once the stream is back', async () => {
    const { rampart, client, events } = setup(
      { pollIntervalMs: 5_000 },
      {
        stream: () => 503,
        flags: (request) =>
          request.headers['if-none-match'] === '"2"'
            ? 304
            : { status: 200, body: JSON.stringify(snapshotOf(2, [flag('a')])) },
      },
    );
    await rampart.platform.advance(4_999);
    expect(rampart.polls()).toHaveLength(0);
    await rampart.platform.advance(1);
    expect(client.status).toBe('ready');
    expect(client.isEnabled('a')).toBe(true);
    expect(events.change).toEqual([{ version: 2, flags: ['a'] }]);
    await rampart.platform.advance(10_000);
    expect(rampart.polls().map((request) => [request.at, request.headers['if-none-match']])).toEqual([
      [5_000, undefined],
      [10_000, '"2"'],
      [15_000, '"2"'],
    ]);
    expect(events.change).toHaveLength(1);
    // The stream's next attempt (at 15.5 s) succeeds: polling ends.
    rampart.answers.stream = () => 200;
    await rampart.platform.advance(40_000);
    expect(rampart.polls()).toHaveLength(3);
    expect(rampart.streams().map((request) => request.at)).toEqual([0, 500, 1_500, 3_500, 7_500, 15_500]);
    expect(rampart.streams().at(-1)?.aborted).toBe(false);
  });

  it('stays degraded while polls fail too, and turns ready when one succeeds', async () => {
    const { rampart, client, events } = setup({ pollIntervalMs: 5_000 });
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    rampart.dropStream();
    await rampart.platform.advance(5_000);
    expect(client.status).toBe('degraded');
    rampart.answers.flags = () => 304;
    await rampart.platform.advance(5_000);
    expect(client.status).toBe('ready');
    expect(events.status.map(({ status }) => status)).toEqual(['ready', 'degraded', 'ready']);
  });
});

describe('a refused key', () => {
  it('stops the client on 401 from the stream: degraded, one unauthorized error, and no request ever after', async () => {
    const { rampart, client, events, readyOutcome } = setup();
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    rampart.dropStream(401);
    await rampart.platform.advance(1_000);
    expect(client.status).toBe('degraded');
    expect(readyOutcome()).toBe('ready');
    expect(events.error.map((error) => error.code)).toEqual(['connection', 'unauthorized']);
    expect(events.error[1]?.message).toMatch(
      /^http:\/\/rampart\.test\/api\/v1\/sdk\/stream refused the SDK key \(HTTP 401\)/,
    );
    const requests = rampart.platform.requests.length;
    await rampart.platform.advance(60 * 60_000);
    expect(rampart.platform.requests).toHaveLength(requests);
    expect(rampart.platform.pendingTimers).toBe(0);
    expect(client.isEnabled('a')).toBe(true);
  });

  it('stops the client on 403 from a poll while the stream is down, and settles ready() at once', async () => {
    const { rampart, client, events, readyOutcome } = setup(
      { pollIntervalMs: 1_000, timeoutMs: 60_000 },
      { stream: () => 503, flags: () => 403 },
    );
    await rampart.platform.advance(1_000);
    expect(readyOutcome()).toBe('degraded');
    expect(client.status).toBe('degraded');
    expect(events.error.map((error) => error.code)).toEqual(['connection', 'unauthorized']);
    expect(events.error[1]?.message).toMatch(
      /^http:\/\/rampart\.test\/api\/v1\/sdk\/flags refused the SDK key \(HTTP 403\)/,
    );
    const requests = rampart.platform.requests.length;
    await rampart.platform.advance(60 * 60_000);
    expect(rampart.platform.requests).toHaveLength(requests);
  });
});

describe('change events', () => {
  it('names the flags whose answers may differ: those a snapshot or a patch changes, and those on a changed segment', async () => {
    const { rampart, events } = setup();
    const beta = { key: 'beta', conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }] };
    const onBeta = flag('on-beta', { rules: [{ id: 'r', segments: ['beta'], rollout: { percentage: 100 } }] });
    rampart.sendSnapshot(snapshotOf(1, [flag('a'), flag('b'), onBeta], [beta]));
    rampart.sendPatch(patchOf(2, { flags: [flag('a', { enabled: false })] }));
    rampart.sendPatch(patchOf(3, { segments: [{ ...beta, conditions: [] }], deletedFlags: ['b'] }));
    // Already applied: nothing changes, nothing is announced.
    rampart.sendPatch(patchOf(3, { flags: [flag('a')] }));
    await rampart.platform.settle();
    expect(events.change).toEqual([
      { version: 1, flags: ['a', 'b', 'on-beta'] },
      { version: 2, flags: ['a'] },
      { version: 3, flags: ['b', 'on-beta'] },
    ]);
  });

  it('announces nothing for a snapshot it already has, nor for a newer one with the same flags', async () => {
    const { rampart, client, events } = setup();
    rampart.sendSnapshot(snapshotOf(5, [flag('a')]));
    rampart.stream().end();
    await rampart.platform.advance(500);
    expect(rampart.streams()).toHaveLength(2);
    rampart.sendSnapshot(snapshotOf(5, [flag('a')]));
    rampart.sendSnapshot(snapshotOf(6, [flag('a')]));
    await rampart.platform.settle();
    expect(client.version).toBe(6);
    expect(events.change).toEqual([{ version: 5, flags: ['a'] }]);
    expect(client.status).toBe('ready');
  });

  it('reports what it cannot read as invalid_data and keeps its flags', async () => {
    const { rampart, client, events } = setup();
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    rampart.stream().write('event: patch\ndata: {not json\n\nevent: snapshot\ndata: {"version": 2}\n\n');
    await rampart.platform.settle();
    expect(events.error.map((error) => error.code)).toEqual(['invalid_data', 'invalid_data']);
    expect(events.error[0]?.cause).toBeInstanceOf(SyntaxError);
    expect(events.error.map((error) => error.message)).toEqual([
      expect.stringMatching(
        /^http:\/\/rampart\.test\/api\/v1\/sdk\/stream sent a patch event that is not JSON \(.+\)$/,
      ),
      'http://rampart.test/api/v1/sdk/stream sent a snapshot event that is not a snapshot or a patch',
    ]);
    expect(client.version).toBe(1);
    expect(client.isEnabled('a')).toBe(true);
  });
});

describe('cachePath', () => {
  const cacheFile = () => join(mkdtempSync(join(tmpdir(), 'rampart-cache-')), 'flags.json');

  it('keeps the last snapshot there, and starts from it at the next start while the server is away', async () => {
    const cachePath = cacheFile();
    const first = setup({ cachePath });
    first.rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    first.rampart.sendPatch(patchOf(2, { flags: [flag('b')] }));
    await first.rampart.platform.settle();
    await first.client.close();
    expect(JSON.parse(readFileSync(cachePath, 'utf8'))).toMatchObject({
      version: 2,
      flags: [{ key: 'a' }, { key: 'b' }],
    });

    const { rampart, client, readyOutcome } = setup(
      { cachePath, bootstrap: snapshotOf(9, [flag('from-bootstrap')]) },
      { stream: () => 503 },
    );
    expect(client.isEnabled('b')).toBe(true);
    expect(client.isEnabled('from-bootstrap')).toBe(false);
    await rampart.platform.advance(2_000);
    expect(readyOutcome()).toBe('degraded');
    expect(client.version).toBeUndefined();
  });

  it('starts from the bootstrap when the file holds no snapshot', async () => {
    const cachePath = cacheFile();
    writeFileSync(cachePath, '{"flags": "not a snapshot"}');
    const { client } = setup({ cachePath, bootstrap: snapshotOf(1, [flag('from-bootstrap')]) });
    expect(client.isEnabled('from-bootstrap')).toBe(true);
  });

  it('reports a cache error when it cannot write the file, and goes on answering', async () => {
    const cachePath = join(cacheFile(), 'no-such-folder', 'flags.json');
    const { rampart, client, events } = setup({ cachePath });
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    await vi.waitFor(() => expect(events.error.map((error) => error.code)).toEqual(['cache']), { timeout: 10_000 });
    expect(events.error[0]?.cause).toMatchObject({ code: 'ENOENT' });
    expect(events.error[0]?.message).toMatch(/^Could not write the flag cache at .+flags\.json: ENOENT: no such file/);
    expect(client.isEnabled('a')).toBe(true);
  });
});

describe('close()', () => {
  it('aborts the stream, stops polling, leaves no timer and answers from the last flags', async () => {
    const { rampart, client, events } = setup({ pollIntervalMs: 1_000 });
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    rampart.dropStream();
    await rampart.platform.advance(1_000);
    await client.close();
    expect(client.status).toBe('closed');
    expect(events.status.at(-1)).toEqual({ status: 'closed', previous: 'degraded' });
    expect(rampart.platform.pendingTimers).toBe(0);
    const requests = rampart.platform.requests.length;
    await rampart.platform.advance(60 * 60_000);
    expect(rampart.platform.requests).toHaveLength(requests);
    expect(client.isEnabled('a')).toBe(true);
  });
});
