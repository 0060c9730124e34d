import { afterAll, expect, it } from 'vitest';
import { findPgBinaries, startPgCluster, type PgCluster } from './test-support/pg-cluster.js';
import { startServerProcess, type ServerProcess } from './test-support/server-process.js';
import { describeWithServices } from './test-support/services.js';
import { waitFor } from './test-support/wait-for.js';

const TOKEN = 'outage-test-admin-token-0123456789';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const binaries = findPgBinaries();

describeWithServices([binaries], 'PostgreSQL outage under two servers', () => {
  let cluster: PgCluster | undefined;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await cluster?.destroy();
  });

  const ready = async (server: ServerProcess) => {
    const response = await fetch(`${server.url}/health/ready`);
    const body: unknown = await response.json();
    return { status: response.status, body };
  };
  const createFlag = async (server: ServerProcess, key: string) => {
    try {
      return (
        await fetch(`${server.url}/api/v1/flags`, { method: 'POST', headers: HEADERS, body: JSON.stringify({ key }) })
      ).status;
    } catch {
      return 0;
    }
  };
  const flagKeys = async (server: ServerProcess): Promise<Set<string>> => {
    const body: unknown = await (await fetch(`${server.url}/api/v1/flags`, { headers: HEADERS })).json();
    const flags = typeof body === 'object' && body !== null ? Reflect.get(body, 'flags') : undefined;
    return new Set(
      Array.isArray(flags)
        ? flags.map((flag: unknown) =>
            String(typeof flag === 'object' && flag !== null ? Reflect.get(flag, 'key') : ''),
          )
        : [],
    );
  };

  it('reports not-ready while PostgreSQL is down, recovers without a restart and keeps every acknowledged write', async () => {
    if (binaries.bin === undefined) throw new Error('no PostgreSQL binaries');
    cluster = await startPgCluster(binaries.bin);
    const env = { DATABASE_URL: cluster.url, RAMPART_ADMIN_TOKEN: TOKEN };
    // Both start at once on the new database: one migrates, the other waits on the lock.
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    const [a, b] = servers;
    if (a === undefined || b === undefined) throw new Error('two servers expected');
    const pids = servers.map((server) => server.child.pid);

    const acknowledged = new Set<string>();
    const refusedDuringOutage: number[] = [];
    let phase: 'before' | 'outage' | 'after' = 'before';
    let stop = false;
    let n = 0;
    const writer = async (server: ServerProcess, name: string) => {
      while (!stop) {
        const key = `${name}-${n++}`;
        const during = phase;
        const status = await createFlag(server, key);
        if (status === 201) acknowledged.add(key);
        else if (during === 'outage') refusedDuringOutage.push(status);
        else if (during === 'before' && phase === 'before')
          throw new Error(`write ${key} answered ${status} before the outage`);
      }
    };
    const writers = Promise.all([writer(a, 'a'), writer(b, 'b'), writer(a, 'a2'), writer(b, 'b2')]);

    await waitFor('20 acknowledged writes', async () => acknowledged.size >= 20);
    phase = 'outage';
    await cluster.crash();
    const acknowledgedBeforeOutage = acknowledged.size;
    for (const server of servers) {
      await waitFor('not-ready', async () => (await ready(server)).status === 503);
      expect((await ready(server)).body).toMatchObject({
        status: 'unavailable',
        reason: expect.stringMatching(/^PostgreSQL: /),
      });
    }
    await waitFor('writes refused during the outage', async () => refusedDuringOutage.length >= 4);

    await cluster.start();
    for (const server of servers) await waitFor('ready again', async () => (await ready(server)).status === 200);
    phase = 'after';
    const afterOutage = acknowledged.size;
    await waitFor('writes acknowledged after the outage', async () => acknowledged.size >= afterOutage + 20);
    stop = true;
    await writers;

    expect(servers.map((server) => server.child.pid)).toEqual(pids);
    expect(servers.every((server) => server.child.exitCode === null)).toBe(true);
    // 503 from the server (the database is unavailable), or 0 for a request that found no server.
    expect(refusedDuringOutage.filter((status) => status !== 503 && status !== 0)).toEqual([]);
    expect(acknowledgedBeforeOutage).toBeGreaterThanOrEqual(20);
    for (const server of servers) {
      const stored = await flagKeys(server);
      expect(
        [...acknowledged].filter((key) => !stored.has(key)),
        'acknowledged but lost',
      ).toEqual([]);
    }
  }, 120_000);
});
