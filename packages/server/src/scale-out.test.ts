import type { Snapshot } from '@rampart/core';
import { asSnapshot, followSdkStream, type StreamingSdk } from './test-support/sdk-follower.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findRedisServer, startRedisServer, type RedisServer } from './test-support/redis-server.js';
import { startServerProcess, type ServerProcess } from './test-support/server-process.js';
import { createTestDatabase, describeWithServices, probePostgres, type TestDatabase } from './test-support/services.js';
import { waitFor } from './test-support/wait-for.js';

const TOKEN = 'scale-out-test-admin-token-0123456789';
const CHANGES = 100;
const REDIS_AWAY_MS = 10_000;
const SDKS_ON_B = 3;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

describeWithServices(
  [await probePostgres(), findRedisServer()],
  'two instances on one PostgreSQL and one Redis',
  () => {
    let database: TestDatabase | undefined;
    let redis: RedisServer | undefined;
    const servers: ServerProcess[] = [];
    let serverKey = '';
    const sdks: StreamingSdk[] = [];

    const api = async (
      server: ServerProcess,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<Record<string, unknown>> => {
      const response = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const parsed: unknown = await response.json();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(parsed)}`);
      return typeof parsed === 'object' && parsed !== null ? Object.fromEntries(Object.entries(parsed)) : {};
    };
    /** Kills or revives the flag through `server`; returns the environment's new version. */
    const toggle = async (server: ServerProcess, i: number): Promise<void> => {
      await api(server, 'POST', `/flags/checkout/environments/production/${i % 2 === 0 ? 'revive' : 'kill'}`, {
        reason: `change ${i}`,
      });
    };
    const readiness = async (server: ServerProcess): Promise<Record<string, unknown>> => {
      const body: unknown = await (await fetch(`${server.url}/health/ready`)).json();
      return typeof body === 'object' && body !== null ? Object.fromEntries(Object.entries(body)) : {};
    };
    const storedSnapshot = async (server: ServerProcess): Promise<Snapshot> => {
      const response = await fetch(`${server.url}/api/v1/sdk/flags`, {
        headers: { authorization: `Bearer ${serverKey}` },
      });
      return asSnapshot(await response.json());
    };

    beforeAll(async () => {
      database = await createTestDatabase();
      redis = await startRedisServer();
      const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, RAMPART_ADMIN_TOKEN: TOKEN };
      servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
      const [a] = servers;
      if (a === undefined) throw new Error('no server');
      await api(a, 'POST', '/flags', { key: 'checkout' });
      serverKey = String(
        (await api(a, 'POST', '/keys', { kind: 'server', environment: 'production', name: 'sdk' })).secret,
      );
    }, 60_000);

    afterAll(async () => {
      for (const sdk of sdks) sdk.close();
      for (const server of servers) server.child.kill('SIGKILL');
      await Promise.all(servers.map((server) => server.exited));
      await redis?.stop();
      await database?.drop();
    });

    it(`streams each of ${CHANGES} changes made through A to an SDK on B`, async () => {
      const [a, b] = servers;
      if (a === undefined || b === undefined) throw new Error('two servers expected');
      const sdk = followSdkStream(b.url, serverKey);
      sdks.push(sdk);
      await sdk.reach(0);
      const latencies: number[] = [];
      for (let i = 0; i < CHANGES; i++) {
        const target = (sdk.snapshot?.version ?? 0) + 1;
        const sent = performance.now();
        const seen = sdk.reach(target, 10_000);
        await toggle(a, i);
        latencies.push((await seen) - sent);
        expect(sdk.snapshot?.flags.find((flag) => flag.key === 'checkout')?.enabled).toBe(i % 2 === 0);
      }
      expect(sdk.snapshot).toEqual(await storedSnapshot(a));
      const sorted = [...latencies].sort((x, y) => x - y);
      // A figure for the record (docs/scale-out.md), not an assertion: tests never assert on time.
      process.stdout.write(
        `scale-out: write on A to SDK on B over ${CHANGES} changes: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${percentile(sorted, 100).toFixed(1)} ms\n`,
      );
    }, 120_000);

    it('keeps every SDK on B at the latest version, missing nothing, while Redis is away for 10 s, and uses Redis again once back', async () => {
      const [a, b] = servers;
      if (a === undefined || b === undefined || redis === undefined) throw new Error('two servers and Redis expected');
      const onB = Array.from({ length: SDKS_ON_B }, () => followSdkStream(b.url, serverKey));
      sdks.push(...onB);
      const start = (await storedSnapshot(a)).version;
      await Promise.all(onB.map((sdk) => sdk.reach(start)));

      await redis.stop();
      let made = 0;
      const until = performance.now() + REDIS_AWAY_MS;
      // Changes keep committing through A while the instances cannot tell each other.
      while (performance.now() < until) {
        await toggle(a, made++);
        // About 20 changes a second: a busy release day, without starving the machine.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const environments = (await api(a, 'GET', '/environments')).environments;
      const production: unknown = Array.isArray(environments)
        ? environments.find(
            (e: unknown) => typeof e === 'object' && e !== null && Reflect.get(e, 'key') === 'production',
          )
        : undefined;
      const latest = Number(
        typeof production === 'object' && production !== null ? Reflect.get(production, 'version') : Number.NaN,
      );
      expect(latest).toBe(start + made);
      // A hears its own changes without Redis; B polls the database and follows within the
      // convergence bound, Redis or not.
      expect((await storedSnapshot(a)).version).toBe(latest);
      const caughtUp = performance.now();
      const reached = await Promise.all(onB.map((sdk) => sdk.reach(latest)));
      const expected = await storedSnapshot(b);
      for (const sdk of onB) {
        expect(sdk.snapshot).toEqual(expected);
        // Versions only go forward: nothing applied twice, nothing applied out of order.
        expect(sdk.versions).toEqual([...new Set(sdk.versions)].sort((x, y) => x - y));
      }
      expect(expected.version).toBe(latest);

      // Readiness told the truth throughout: B kept up, so it stayed ready, and said Redis was away.
      expect(await readiness(b)).toMatchObject({ status: 'ready', bus: 'disconnected' });
      // Once Redis is back, both instances use it again.
      await redis.start();
      for (const server of [a, b])
        await waitFor('the bus connected again', async () => (await readiness(server)).bus === 'connected');
      await toggle(a, made++);
      await Promise.all(onB.map((sdk) => sdk.reach(latest + 1)));
      process.stdout.write(
        `scale-out: Redis away ${REDIS_AWAY_MS / 1000} s, ${made} changes through A; ${SDKS_ON_B} SDKs on B at version ${latest} within ${Math.max(...reached.map((at) => at - caughtUp)).toFixed(0)} ms of the last write, without Redis\n`,
      );
    }, 120_000);
  },
);
