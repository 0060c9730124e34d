import { afterEach, expect, it } from 'vitest';
import { startPostgresInstances, type Instance } from '../test-support/postgres-instances.js';
import { describeWithServices, probePostgres } from '../test-support/services.js';
import { readRawStream, type RawStream } from '../test-support/sse-reader.js';

const TOKEN = 'audit-two-instances-admin-token-0123456789';

describeWithServices([await probePostgres()], 'the audit stream on two instances over one PostgreSQL', () => {
  let close: (() => Promise<void>) | undefined;
  const streams: RawStream[] = [];
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await close?.();
  });

  async function start(): Promise<[Instance, Instance]> {
    const started = await startPostgresInstances(2, { adminToken: TOKEN });
    close = started.close;
    const [a, b] = started.instances;
    if (a === undefined || b === undefined) throw new Error('two instances expected');
    return [a, b];
  }

  async function openStream(instance: Instance, headers: Record<string, string> = {}): Promise<RawStream> {
    const response = await instance.app.request('/api/v1/audit/stream', {
      headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    });
    expect(response.status).toBe(200);
    const stream = readRawStream(response);
    streams.push(stream);
    await stream.until((s) => s.events().some((event) => event.event === 'ready'));
    return stream;
  }

  const ids = (stream: RawStream) =>
    stream
      .events()
      .filter((event) => event.event === 'audit')
      .map((event) => event.id);

  /** The ids of the entries after `after`, oldest first, as `GET /audit` lists them. */
  async function listedAfter(instance: Instance, after: string): Promise<string[]> {
    const { entries } = (await instance.admin.get('/api/v1/audit?limit=500')).json as { entries: { id: string }[] };
    return entries
      .map((entry) => entry.id)
      .filter((id) => Number(id) > Number(after))
      .reverse();
  }

  it('sends every change of either instance to a stream on the other within about a second, in id order, each once', async () => {
    const [a, b] = await start();
    const stream = await openStream(b);
    const after = (JSON.parse(stream.events()[0]?.data ?? '') as { after: string }).after;

    // Each instance has a bus of its own: B hears of A's changes only by reading the store.
    await a.admin.post('/api/v1/flags', { key: 'from-a' });
    const [first] = await listedAfter(a, after);
    await stream.until((s) => ids(s).includes(first ?? ''), 2_500);
    // Writes on both instances at once, and a key, which no environment's version records.
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => a.admin.post('/api/v1/flags', { key: `a-${i}` })),
      ...Array.from({ length: 5 }, (_, i) => b.admin.post('/api/v1/flags', { key: `b-${i}` })),
      a.admin.post('/api/v1/keys', { kind: 'server', environment: 'production', name: 'sdk' }),
    ]);
    const expected = await listedAfter(a, after);
    expect(expected).toHaveLength(12);
    await stream.until((s) => ids(s).length >= expected.length, 2_500);
    expect(ids(stream)).toEqual(expected);
  });

  it('resumes on the other instance after the last entry received on the first', async () => {
    const [a, b] = await start();
    const onA = await openStream(a);
    const after = (JSON.parse(onA.events()[0]?.data ?? '') as { after: string }).after;
    await a.admin.post('/api/v1/flags', { key: 'seen' });
    const [seen] = await listedAfter(a, after);
    await onA.until((s) => ids(s).includes(seen ?? ''));
    onA.close();

    await a.admin.post('/api/v1/flags', { key: 'missed' });
    const onB = await openStream(b, { 'last-event-id': seen ?? '' });
    await b.admin.post('/api/v1/flags', { key: 'live' });
    const expected = await listedAfter(b, seen ?? '');
    expect(expected).toHaveLength(2);
    await onB.until((s) => ids(s).length >= 2, 2_500);
    expect(ids(onB)).toEqual(expected);
  });
});
