import { applyPatch, openEventStream, type Snapshot, type SnapshotPatch } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotPatchSchema } from '../model/model-output.js';
import { gatedStore, type GatedStore } from '../test-support/gated-store.js';
import { startLiveServer, type LiveServer, type LiveServerOptions } from '../test-support/live-server.js';
import { openRawStream, type RawStream } from '../test-support/sse-reader.js';

let server: LiveServer | undefined;
const streams: { close(): void }[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await server?.close();
  server = undefined;
});

async function setUp(options: LiveServerOptions = {}) {
  const started = await startLiveServer(options);
  server = started;
  const { secret } = await started.createKey('server', 'production');
  const url = `${started.url}/api/v1/sdk/stream`;
  const headers = { authorization: `Bearer ${secret}` };
  const open = async (extra: Record<string, string> = {}) => {
    const stream = await openRawStream(url, { ...headers, ...extra });
    streams.push(stream);
    return stream;
  };
  /** Makes a change and waits until the delivery has published it, so each change is its own patch. */
  const change = async (path: string, body: unknown = {}) => {
    const response = await started.admin.post(path, body);
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    const version = (await started.store.getEnvironment('production'))?.version ?? 0;
    await expect
      .poll(() => started.delivery.stats().environments.find((e) => e.environment === 'production')?.version, {
        interval: 5,
      })
      .toBe(version);
    return version;
  };
  return { server: started, url, headers, open, change };
}

const messages = (stream: RawStream) => stream.events().filter((event) => event.event !== undefined);
const parse = <T>(data: string | undefined): T => JSON.parse(data ?? 'null') as T;

describe('/sdk/stream', () => {
  it('sends the snapshot on connect, then each change as a patch', async () => {
    const { server, open, change } = await setUp();
    await server.admin.post('/api/v1/flags', { key: 'a' });
    const stream = await open();
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-store');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    await stream.until((s) => messages(s).length >= 1);
    const [first] = messages(stream);
    const snapshot = parse<Snapshot>(first?.data);
    expect(first).toMatchObject({ event: 'snapshot', id: String(snapshot.version) });
    expect(snapshot.flags.map((flag) => [flag.key, flag.enabled])).toEqual([['a', false]]);

    const version = await change('/api/v1/flags/a/environments/production/revive');
    await stream.until((s) => messages(s).length >= 2);
    const second = messages(stream)[1];
    expect(second).toMatchObject({ event: 'patch', id: String(version) });
    const patch = parse<SnapshotPatch>(second?.data);
    expect(patch).toMatchObject({ version, deletedFlags: [], segments: [], deletedSegments: [] });
    expect(snapshotPatchSchema.parse(patch), 'the documented SnapshotPatch, no more, no less').toEqual(patch);
    expect(patch.flags.map((flag) => [flag.key, flag.enabled])).toEqual([['a', true]]);
  });

  it('patches archived flags and deleted segments as deletions, and segment changes as segments', async () => {
    const { server, open, change } = await setUp();
    await server.admin.post('/api/v1/flags', { key: 'a' });
    const stream = await open();
    await stream.until((s) => messages(s).length >= 1);
    await change('/api/v1/segments', {
      key: 'staff',
      conditions: [{ attribute: 'email', operator: 'str_ends_with', values: ['@example.com'] }],
    });
    expect((await server.admin.delete('/api/v1/flags/a')).status).toBe(200);
    expect((await server.admin.delete('/api/v1/segments/staff')).status).toBe(200);
    await stream.until((s) => messages(s).length >= 4);
    const patches = messages(stream)
      .slice(1)
      .map((event) => parse<SnapshotPatch>(event.data));
    expect(patches[0]).toMatchObject({
      flags: [],
      deletedFlags: [],
      segments: [{ key: 'staff' }],
      deletedSegments: [],
    });
    expect(patches[1]).toMatchObject({ flags: [], deletedFlags: ['a'], segments: [], deletedSegments: [] });
    expect(patches[2]).toMatchObject({ flags: [], deletedFlags: [], segments: [], deletedSegments: ['staff'] });
  });

  it('resumes with Last-Event-ID: exactly the missed changes, in order, none twice', async () => {
    const { server, url, headers, change } = await setUp();
    await server.admin.post('/api/v1/flags', { key: 'a' });
    const received: { event: string; id: string | undefined; data: string }[] = [];
    const onEvent = (event: Parameters<Parameters<typeof openEventStream>[0]['onEvent']>[0]) => {
      if (event.type === 'message') received.push({ event: event.event, id: event.id, data: event.data });
    };
    const first = openEventStream({ url, headers, onEvent });
    streams.push(first);
    await expect.poll(() => received.length, { interval: 5 }).toBe(1);
    await change('/api/v1/flags/a/environments/production/revive');
    await expect.poll(() => received.length, { interval: 5 }).toBe(2);
    first.close();
    const resumeFrom = first.lastEventId;
    const before = received.splice(0);

    const missed = [
      await change('/api/v1/flags/a/environments/production/kill'),
      await change('/api/v1/flags', { key: 'b' }),
      await change('/api/v1/flags/a/environments/production/revive'),
    ];
    const second = openEventStream({
      url,
      headers,
      onEvent,
      ...(resumeFrom === undefined ? {} : { lastEventId: resumeFrom }),
    });
    streams.push(second);
    await expect.poll(() => received.at(-1)?.id, { interval: 5 }).toBe(String(missed[2]));
    expect(received.map((event) => [event.event, event.id])).toEqual(
      missed.map((version) => ['patch', String(version)]),
    );

    // Applied to what the client had, the patches give the server's current snapshot.
    let state = parse<Snapshot>(before[0]?.data);
    for (const event of [...before.slice(1), ...received]) state = applyPatch(state, parse<SnapshotPatch>(event.data));
    expect(state).toEqual(await server.store.getSnapshot('production'));
  });

  it('answers a resume older than the change log with a fresh snapshot', async () => {
    const { server, open, change } = await setUp({ delivery: { changeLogSize: 2 } });
    await server.admin.post('/api/v1/flags', { key: 'a' });
    const first = await open();
    await first.until((s) => messages(s).length >= 1);
    const start = Number(messages(first)[0]?.id);
    first.close();
    const versions = [
      await change('/api/v1/flags/a/environments/production/revive'),
      await change('/api/v1/flags/a/environments/production/kill'),
      await change('/api/v1/flags/a/environments/production/revive'),
    ];

    const tooOld = await open({ 'last-event-id': String(start) });
    await tooOld.until((s) => messages(s).length >= 1);
    expect(messages(tooOld).map((event) => [event.event, event.id])).toEqual([['snapshot', String(versions[2])]]);
    expect(parse<Snapshot>(messages(tooOld)[0]?.data).flags.map((flag) => flag.enabled)).toEqual([true]);

    // Two patches are kept: a client at the first of the three still resumes with patches.
    const recent = await open({ 'last-event-id': String(versions[0]) });
    await recent.until((s) => messages(s).length >= 2);
    expect(messages(recent).map((event) => [event.event, event.id])).toEqual([
      ['patch', String(versions[1])],
      ['patch', String(versions[2])],
    ]);
  });

  it('sends nothing to a client that is already current, and a snapshot for an id it cannot place', async () => {
    const { server, open, change } = await setUp();
    await server.admin.post('/api/v1/flags', { key: 'a' });
    const version = (await server.store.getEnvironment('production'))?.version ?? 0;
    const current = await open({ 'last-event-id': String(version) });
    const garbled = await open({ 'last-event-id': 'not-a-version' });
    await garbled.until((s) => messages(s).length >= 1);
    expect(messages(garbled)[0]).toMatchObject({ event: 'snapshot', id: String(version) });
    const next = await change('/api/v1/flags/a/environments/production/revive');
    await current.until((s) => messages(s).length >= 1);
    expect(messages(current).map((event) => [event.event, event.id])).toEqual([['patch', String(next)]]);
  });

  it('loses no change made between subscribing and sending the snapshot', async () => {
    let gated: GatedStore | undefined;
    const { server, open } = await setUp({ wrapStore: (store) => (gated = gatedStore(store)).store });
    await server.admin.post('/api/v1/flags', { key: 'a' });
    const before = (await server.store.getEnvironment('production'))?.version ?? 0;
    const hold = gated?.hold();
    const opening = open();
    await hold?.reached;
    // The stream is registered and its snapshot read, not yet sent: now a change commits.
    expect((await server.admin.post('/api/v1/flags/a/environments/production/revive', {})).status).toBe(200);
    hold?.release();
    const stream = await opening;
    await stream.until((s) => messages(s).length >= 2);
    expect(messages(stream).map((event) => [event.event, event.id])).toEqual([
      ['snapshot', String(before)],
      ['patch', String(before + 1)],
    ]);
    expect(parse<SnapshotPatch>(messages(stream)[1]?.data).flags.map((flag) => flag.enabled)).toEqual([true]);
  });

  it('sends heartbeat comments at the configured interval', async () => {
    const { open } = await setUp({ delivery: { heartbeatMs: 20 } });
    const stream = await open();
    await stream.until((s) => s.events().filter((event) => event.comments.includes('heartbeat')).length >= 2);
    expect(stream.text).toMatch(/^event: snapshot\n/);
  });
});
