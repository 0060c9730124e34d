import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { systemClock } from './base/clock.js';
import { createSilentLogger } from './base/logger.js';
import { cryptoRandom } from './base/random.js';
import { bootstrap } from './bootstrap.js';
import type { ChangeBus } from './bus/bus.js';
import { createMemoryBus } from './bus/memory-bus.js';
import { createRedisBus } from './bus/redis-bus.js';
import { nodeFetch } from './node.js';
import { createPostgresStore } from './store/postgres/postgres-store.js';
import { createSqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';
import { followSdkStream, type StreamingSdk } from './test-support/sdk-follower.js';
import { startServerProcess } from './test-support/server-process.js';
import {
  createTestDatabase,
  describeWithServices,
  probePostgres,
  probeRedis,
  type TestDatabase,
} from './test-support/services.js';
import { startTcpProxy, type ProxyMode, type TcpProxy } from './test-support/tcp-proxy.js';
import { waitFor } from './test-support/wait-for.js';

// Small bounds, so that the suite runs in seconds; the defaults are documented in docs/scale-out.md.
const CONVERGENCE_MS = 500;
// As with the defaults, PostgreSQL ends a cut-off transaction well before a waiting lock times out.
const POSTGRES = {
  connectTimeoutMs: 1_000,
  statementTimeoutMs: 1_000,
  idleInTransactionTimeoutMs: 500,
  queryTimeoutMs: 1_500,
};
const REDIS = { connectTimeoutMs: 500, commandTimeoutMs: 300, heartbeatMs: 200, maxReconnectDelayMs: 200 };
/**
 * The longest any request may take with a dependency stalled: the key check's read and the
 * write's connection and transaction, each bounded, plus room for a busy machine. Beyond it a
 * request counts as hanging. This is a bound on correctness (no hang), not a speed figure.
 */
const ANSWER_WITHIN_MS = POSTGRES.queryTimeoutMs * 2 + POSTGRES.connectTimeoutMs + 2_000;
/** How long an SDK may take to reach the latest version once nothing keeps its instance from it. */
const CONVERGE_WITHIN_MS = CONVERGENCE_MS + 3_000;
/**
 * For the SDKs of an instance that fell behind: it ended their streams with a `retry:` of 1–5 s
 * and refused them while it was behind, so they come back on their own schedule.
 */
const RECONNECT_WITHIN_MS = 20_000;
const TOKEN = `fault-injection-admin-token-${randomBytes(8).toString('hex')}`;
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

const postgres = await probePostgres();
const redis = await probeRedis();

/** One Rampart instance in this process, reaching PostgreSQL and Redis through proxies of its own. */
interface Instance {
  name: string;
  url: string;
  pg: TcpProxy;
  redis: TcpProxy | undefined;
  store: Store;
  bus: ChangeBus;
  close(): Promise<void>;
}

function through(proxy: TcpProxy, url: string): string {
  const routed = new URL(url);
  routed.hostname = '127.0.0.1';
  routed.port = String(proxy.port);
  return routed.href;
}

function proxyFor(url: string): Promise<TcpProxy> {
  const target = new URL(url);
  return startTcpProxy({ host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port) });
}

async function listen(app: ReturnType<typeof createApp>): Promise<{ server: ServerType; url: string }> {
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: nodeFetch(app), port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

async function startInstance(
  name: string,
  database: TestDatabase,
  options: { channel?: string; redisMode?: ProxyMode } = {},
): Promise<Instance> {
  const pg = await proxyFor(database.url);
  const store = await createPostgresStore({ connectionString: through(pg, database.url), ...POSTGRES });
  let redisProxy: TcpProxy | undefined;
  let bus: ChangeBus;
  if (options.channel === undefined) {
    bus = createMemoryBus();
  } else {
    redisProxy = await proxyFor(redis.url);
    if (options.redisMode !== undefined) await redisProxy.set(options.redisMode);
    bus = await createRedisBus({ url: through(redisProxy, redis.url), channel: options.channel, ...REDIS });
  }
  const deps = { store, bus, clock: systemClock, logger: createSilentLogger(), random: cryptoRandom };
  await bootstrap(deps, { adminToken: TOKEN });
  const app = createApp({ ...deps, convergenceMs: CONVERGENCE_MS });
  const { server, url } = await listen(app);
  return {
    name,
    url,
    pg,
    redis: redisProxy,
    store,
    bus,
    async close() {
      server.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await pg.set('pass');
      await redisProxy?.set('pass');
      await Promise.all([store.close(), bus.close()]);
      await Promise.all([pg.close(), redisProxy?.close()]);
    },
  };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** A request that must answer within {@link ANSWER_WITHIN_MS}; a hang fails the test with the request named. */
async function call(instance: Instance, method: string, path: string, body?: unknown): Promise<Answer> {
  const what = `${method} ${path} on ${instance.name}`;
  let response: Response;
  try {
    response = await fetch(`${instance.url}${path}`, {
      method,
      headers: HEADERS,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
  } catch (error) {
    throw new Error(`${what} did not answer within ${ANSWER_WITHIN_MS} ms`, { cause: error });
  }
  const parsed: unknown = await response.json();
  return {
    status: response.status,
    body: typeof parsed === 'object' && parsed !== null ? Object.fromEntries(Object.entries(parsed)) : {},
    headers: response.headers,
  };
}

const readiness = (instance: Instance) => call(instance, 'GET', '/health/ready');

/** Starts the real server process on `databaseUrl` with small bounds; resolves with why it did not start. */
function startupFailure(databaseUrl: string): Promise<unknown> {
  const env = {
    DATABASE_URL: databaseUrl,
    DATABASE_CONNECT_TIMEOUT_MS: String(POSTGRES.connectTimeoutMs),
    DATABASE_STATEMENT_TIMEOUT_MS: String(POSTGRES.statementTimeoutMs),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: String(POSTGRES.idleInTransactionTimeoutMs),
    DATABASE_QUERY_TIMEOUT_MS: String(POSTGRES.queryTimeoutMs),
  };
  return startServerProcess(env).then(
    () => new Error('the server started'),
    (error: unknown) => error,
  );
}

describeWithServices([postgres, redis], 'faults between three instances and their PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let direct: Store;
  let instances: Instance[] = [];
  let serverKey = '';
  let clientKey = '';
  const sdks: StreamingSdk[] = [];
  /** Every flag whose creation was acknowledged with 201: none may be lost. */
  const acknowledged = new Set<string>();
  let written = 0;

  const instance = (index: number): Instance => {
    const found = instances[index];
    if (found === undefined) throw new Error(`no instance ${index}`);
    return found;
  };
  const [a, b, c] = [() => instance(0), () => instance(1), () => instance(2)];

  /** Creates a flag through `on`; resolves with the status, which must be 201 or 503. */
  const write = async (on: Instance): Promise<number> => {
    const key = `flag-${on.name}-${written++}`;
    const answer = await call(on, 'POST', '/api/v1/flags', { key });
    if (answer.status === 201) acknowledged.add(key);
    else if (answer.status === 503) expect(answer.headers.get('retry-after')).toBe('2');
    else throw new Error(`writing ${key} on ${on.name} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.status;
  };
  const sdkRead = (target: Instance) =>
    fetch(`${target.url}/api/v1/sdk/flags`, {
      headers: { authorization: `Bearer ${serverKey}` },
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
  const browserRead = (target: Instance) =>
    fetch(`${target.url}/api/v1/client/evaluate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ context: { userId: 'u1' } }),
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
  const ofrepRead = (target: Instance) =>
    fetch(`${target.url}/ofrep/v1/evaluate/flags`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ context: { targetingKey: 'u1' } }),
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
  const latestVersion = async (): Promise<number> => (await direct.getEnvironment('production'))?.version ?? Number.NaN;
  /** Every SDK on `on` (all instances by default) reaches the store's latest version. */
  const converge = async (on: readonly StreamingSdk[] = sdks, withinMs = CONVERGE_WITHIN_MS): Promise<void> => {
    const latest = await latestVersion();
    await Promise.all(on.map((sdk) => sdk.reach(latest, withinMs)));
  };
  const sdksOn = (target: Instance) => sdks.filter((sdk) => Reflect.get(sdk, 'instance') === target.name);

  beforeAll(async () => {
    database = await createTestDatabase();
    direct = await createPostgresStore({ connectionString: database.url });
    const channel = `rampart:faults:${randomBytes(6).toString('hex')}`;
    // Started one after another: the first migrates, the rest find nothing to do.
    for (const name of ['a', 'b', 'c']) instances.push(await startInstance(name, database, { channel }));
    const key = await call(a(), 'POST', '/api/v1/keys', { kind: 'server', environment: 'production', name: 'sdk' });
    serverKey = String(key.body.secret);
    const browserKey = await call(a(), 'POST', '/api/v1/keys', {
      kind: 'client',
      environment: 'production',
      name: 'web',
    });
    clientKey = String(browserKey.body.secret);
    // The healthy answers these reads are refused in place of, so that a 503 below means what it says.
    expect((await browserRead(a())).status).toBe(200);
    expect((await ofrepRead(a())).status).toBe(200);
    for (const target of instances) {
      for (let i = 0; i < 2; i++)
        sdks.push(Object.assign(followSdkStream(target.url, serverKey), { instance: target.name }));
    }
    await converge();
  }, 60_000);

  afterEach(async () => {
    // Whatever a test did, the next one starts with every dependency reachable and every instance ready.
    for (const target of instances) {
      await target.pg.set('pass');
      await target.redis?.set('pass');
    }
    for (const target of instances)
      await waitFor(`${target.name} ready`, async () => (await readiness(target)).status === 200, {
        timeoutMs: 15_000,
      });
  }, 30_000);

  afterAll(async () => {
    for (const sdk of sdks) sdk.close();
    await Promise.all(instances.map((target) => target.close()));
    instances = [];
    // No acknowledged write was lost, whatever failed meanwhile.
    const stored = new Set((await direct.listFlags()).map((flag) => flag.key));
    expect([...acknowledged].filter((key) => !stored.has(key))).toEqual([]);
    await direct.close();
    await database.drop();
  }, 30_000);

  describe.each<ProxyMode>(['stall', 'refuse', 'reset'])('Redis %s on one instance', (mode) => {
    it('keeps every write answering at once, every instance ready and every SDK current; the bus heals', async () => {
      await a().redis?.set(mode);
      // During the fault's first moments (a write may race the heartbeat) and once it is noticed.
      expect(await write(a())).toBe(201);
      await waitFor('the bus seen away', async () => (await readiness(a())).body.bus !== 'connected');
      for (let i = 0; i < 3; i++) for (const target of instances) expect(await write(target)).toBe(201);
      await converge();
      for (const target of instances) expect((await readiness(target)).status).toBe(200);

      await a().redis?.set('pass');
      await waitFor('the bus back', async () => (await readiness(a())).body.bus === 'connected');
      expect(await write(b())).toBe(201);
      await converge();
    });
  });

  it('Redis stalled while a write is in flight: the write answers, and its SDKs everywhere follow', async () => {
    const inFlight = write(a());
    await a().redis?.set('stall');
    expect(await inFlight).toBe(201);
    expect(await write(a())).toBe(201);
    await converge();
  });

  describe.each<ProxyMode>(['stall', 'refuse', 'reset'])('PostgreSQL %s on one instance', (mode) => {
    it('answers 503 within the bound and reports not ready there; the others write and converge; it recovers', async () => {
      await a().pg.set(mode);
      const status = await write(a());
      // A write that raced the fault may have gone through; any that did not answered 503.
      expect([201, 503]).toContain(status);
      await waitFor('a not ready', async () => (await readiness(a())).status === 503, { timeoutMs: 10_000 });
      expect((await readiness(a())).body).toMatchObject({ status: 'unavailable', reason: expect.any(String) });
      expect(await write(a())).toBe(503);
      // Once it has fallen behind, A serves SDKs nothing that might miss a change: they keep
      // their copy and retry, through the load balancer, elsewhere.
      await waitFor('a refusing SDK reads', async () => (await sdkRead(a())).status === 503, { timeoutMs: 10_000 });
      expect((await sdkRead(a())).headers.get('retry-after')).toBe('2');
      for (const read of [browserRead, ofrepRead]) expect((await read(a())).status).toBe(503);
      for (const target of [b(), c()]) {
        expect(await write(target)).toBe(201);
        expect((await readiness(target)).status).toBe(200);
      }
      await converge([...sdksOn(b()), ...sdksOn(c())]);

      await a().pg.set('pass');
      await waitFor('a ready again', async () => (await readiness(a())).status === 200, { timeoutMs: 15_000 });
      expect(await write(a())).toBe(201);
      await converge(sdks, RECONNECT_WITHIN_MS);
    });
  });

  it('PostgreSQL stalled inside a write transaction: that write answers 503, the others’ writes go through once PostgreSQL ends it', async () => {
    const stalled = a().pg.stallAfter('pg_advisory_xact_lock');
    const held = write(a());
    await stalled;
    // A's transaction holds the write lock and will never finish: B and C wait on it until
    // PostgreSQL ends A's session (idle in transaction), then their writes commit.
    const others = await Promise.all([write(b()), write(c())]);
    expect(others).toEqual([201, 201]);
    expect(await held).toBe(503);
    await converge([...sdksOn(b()), ...sdksOn(c())]);
    await waitFor('a not ready', async () => (await readiness(a())).status === 503, { timeoutMs: 10_000 });

    await a().pg.set('pass');
    await waitFor('a ready again', async () => (await readiness(a())).status === 200, { timeoutMs: 15_000 });
    expect(await write(a())).toBe(201);
    await converge(sdks, RECONNECT_WITHIN_MS);
  });

  it('an instance that starts while Redis stalls serves, reports the bus connecting, and follows every change', async () => {
    const channel = `rampart:faults:late:${randomBytes(6).toString('hex')}`;
    const late = await startInstance('d', database, { channel, redisMode: 'stall' });
    try {
      expect(late.bus.state).toBe('connecting');
      expect((await readiness(late)).body).toMatchObject({ status: 'ready', bus: 'connecting' });
      const sdk = followSdkStream(late.url, serverKey);
      try {
        expect(await write(a())).toBe(201);
        await converge([sdk]);
        await late.redis?.set('pass');
        await waitFor('the bus connected', async () => (await readiness(late)).body.bus === 'connected');
      } finally {
        sdk.close();
      }
    } finally {
      await late.close();
    }
  });

  describe.each<ProxyMode>(['stall', 'refuse'])('start-up while PostgreSQL is %s', (mode) => {
    it('exits within the bound, naming PostgreSQL and its URL with the password masked', async () => {
      const proxy = await proxyFor(database.url);
      await proxy.set(mode);
      const url = new URL(through(proxy, database.url));
      url.password = 'not-for-logs';
      try {
        const failure = await startupFailure(url.href);
        expect(String(failure)).toContain(
          `rampart: could not open PostgreSQL at postgres://postgres:***@127.0.0.1:${proxy.port}/`,
        );
        expect(String(failure)).not.toContain('not-for-logs');
      } finally {
        await proxy.set('pass');
        await proxy.close();
      }
    }, 30_000);
  });

  it('start-up while PostgreSQL stalls in the middle of the migrations: exits, naming PostgreSQL, instead of hanging', async () => {
    const fresh = await createTestDatabase();
    const proxy = await proxyFor(fresh.url);
    const stalled = proxy.stallAfter('CREATE TABLE "api_keys"');
    try {
      const failure = await startupFailure(through(proxy, fresh.url));
      await stalled;
      expect(String(failure)).toMatch(
        /rampart: could not open PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:\d+\/\S+ \(DATABASE_URL\): /,
      );
    } finally {
      await proxy.set('pass');
      await proxy.close();
      await fresh.drop();
    }
  }, 30_000);

  it('start-up while Redis stalls: serves, and its log names Redis and its URL with the password masked', async () => {
    const proxy = await proxyFor(redis.url);
    await proxy.set('stall');
    const url = new URL(through(proxy, redis.url));
    url.password = 'not-for-logs';
    try {
      const server = await startServerProcess({
        DATABASE_URL: database.url,
        REDIS_URL: url.href,
        REDIS_CONNECT_TIMEOUT_MS: '500',
      });
      try {
        expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
        const log = server.stdout.join('');
        expect(log).toContain(`Redis at redis://:***@127.0.0.1:${proxy.port}`);
        expect(log).toContain('(REDIS_URL) did not answer within 500 ms');
        expect(log).not.toContain('not-for-logs');
      } finally {
        server.child.kill('SIGKILL');
        await server.exited;
      }
    } finally {
      await proxy.set('pass');
      await proxy.close();
    }
  }, 30_000);
});

describeWithServices([postgres], 'two instances on PostgreSQL without Redis', () => {
  it('converge by polling the store alone', async () => {
    const database = await createTestDatabase();
    const instances = [await startInstance('a', database), await startInstance('b', database)];
    const [a, b] = instances as [Instance, Instance];
    const sdks: StreamingSdk[] = [];
    try {
      const key = await call(a, 'POST', '/api/v1/keys', { kind: 'server', environment: 'production', name: 'sdk' });
      sdks.push(followSdkStream(b.url, String(key.body.secret)));
      for (let i = 0; i < 5; i++) {
        expect((await call(a, 'POST', '/api/v1/flags', { key: `f${i}` })).status).toBe(201);
        const latest = (await a.store.getEnvironment('production'))?.version ?? Number.NaN;
        await sdks[0]?.reach(latest, CONVERGE_WITHIN_MS);
      }
      expect(sdks[0]?.snapshot?.flags.map((flag) => flag.key)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
    } finally {
      for (const sdk of sdks) sdk.close();
      await Promise.all(instances.map((instance) => instance.close()));
      await database.drop();
    }
  }, 30_000);
});

describe('one instance on SQLite with the bus silent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-silent-bus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('converges by polling when every change message is dropped', async () => {
    const store = createSqliteStore({ filename: join(dir, 'rampart.db') });
    const real = createMemoryBus();
    // Says it is connected and never delivers anything: every message is lost.
    const silent: ChangeBus = {
      get state() {
        return real.state;
      },
      publish: async () => undefined,
      subscribe: () => () => undefined,
      close: () => real.close(),
    };
    const deps = { store, bus: silent, clock: systemClock, logger: createSilentLogger(), random: cryptoRandom };
    await bootstrap(deps, { adminToken: TOKEN });
    const { server, url } = await listen(createApp({ ...deps, convergenceMs: CONVERGENCE_MS }));
    const self: Instance = {
      name: 'sqlite',
      url,
      pg: undefined as never,
      redis: undefined,
      store,
      bus: silent,
      close: async () => undefined,
    };
    const key = await call(self, 'POST', '/api/v1/keys', { kind: 'server', environment: 'production', name: 'sdk' });
    const sdk = followSdkStream(url, String(key.body.secret));
    try {
      for (let i = 0; i < 3; i++) {
        expect((await call(self, 'POST', '/api/v1/flags', { key: `f${i}` })).status).toBe(201);
        await sdk.reach((await store.getEnvironment('production'))?.version ?? Number.NaN, CONVERGE_WITHIN_MS);
      }
      expect(sdk.snapshot?.flags.map((flag) => flag.key)).toEqual(['f0', 'f1', 'f2']);
    } finally {
      sdk.close();
      server.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await store.close();
    }
  });
});
