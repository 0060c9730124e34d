/**
 * Convergence benchmark: two server processes (A and B) on one PostgreSQL and one Redis, with
 * B's Redis connections going through a TCP proxy. Flags are changed one at a time and the
 * time from each write's answer (its acknowledgment) to an SDK stream on the other instance
 * showing the new version is measured, in three phases:
 *
 * 1. `healthy`: writes through A, the stream on B; the news travels over Redis.
 * 2. `B's Redis stalled`: the proxy forwards nothing either way but keeps the connections
 *    open (a paused Redis, or a partition that sends no reset); writes through A, the stream
 *    on B, which can only learn of them by polling the store's versions.
 * 3. `B's Redis stalled, writes through B`: B's own announcements cannot leave; the stream on A.
 *
 * Then the proxy forwards again and the time until B reports its bus connected is printed.
 * B's `/health/ready` is sampled every 200 ms throughout the stall. Figures are printed, never
 * asserted. Needs PostgreSQL (127.0.0.1:5432, user postgres, trust) and Redis (127.0.0.1:6379).
 *
 * Usage: npm run bench:convergence [-- --changes 50 --convergence-ms 500]
 */
import { execFileSync } from 'node:child_process';
import { request, type ClientRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { startTcpProxy, type TcpProxy } from '../packages/server/src/test-support/tcp-proxy';
import { createRandom } from './contexts';
import { machineLine } from './live/machine';
import { stopAllChildren } from './live/processes';
import { startRampart, type RampartProcess } from './live/rampart-process';
import { nowMs, numberOption, percentiles } from './live/stats';

const PG = ['-h', '127.0.0.1', '-p', '5432', '-U', 'postgres', '-v', 'ON_ERROR_STOP=1'];
const DATABASE = 'rampart_bench_convergence';
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DATABASE}`;
const REDIS = { host: '127.0.0.1', port: 6379 };
const FLAG = 'checkout';
/** The server's default bound (packages/server/src/delivery/environment-cache.ts), for the report. */
const DEFAULT_CONVERGENCE_MS = 2_000;

/** One SDK stream (`/api/v1/sdk/stream`) read with plain `node:http`, noting when each version arrives. */
interface VersionFollower {
  readonly version: number;
  /** Resolves with the arrival time (epoch ms) of the first event at `version` or later. */
  reach(version: number, timeoutMs: number): Promise<number>;
  close(): void;
}

function followStream(baseUrl: string, key: string): VersionFollower {
  let version = -1;
  let pending = '';
  const waiting = new Set<{ version: number; resolve: (at: number) => void }>();
  let failure: Error | undefined;
  const req: ClientRequest = request(`${baseUrl}/api/v1/sdk/stream`, {
    headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' },
    agent: false,
  });
  req.on('response', (response) => {
    if (response.statusCode !== 200) failure = new Error(`${baseUrl} stream answered ${response.statusCode}`);
    response.setEncoding('utf8');
    response.on('data', (text: string) => {
      const at = nowMs();
      pending += text;
      let end = pending.indexOf('\n\n');
      while (end >= 0) {
        const block = pending.slice(0, end);
        pending = pending.slice(end + 2);
        end = pending.indexOf('\n\n');
        const id = /^id: (\d+)$/m.exec(block);
        if (!/^event: (snapshot|patch)$/m.test(block) || id?.[1] === undefined) continue;
        version = Math.max(version, Number(id[1]));
        for (const entry of [...waiting]) {
          if (version < entry.version) continue;
          waiting.delete(entry);
          entry.resolve(at);
        }
      }
    });
  });
  req.on('error', (error) => {
    failure = error;
  });
  req.end();
  return {
    get version() {
      return version;
    },
    reach(target, timeoutMs) {
      if (failure !== undefined) return Promise.reject(failure);
      if (version >= target) return Promise.resolve(nowMs());
      return new Promise((resolve, reject) => {
        const entry = {
          version: target,
          resolve: (at: number) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
        const timer = setTimeout(() => {
          waiting.delete(entry);
          reject(new Error(`version ${target} did not reach the stream on ${baseUrl} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.add(entry);
      });
    },
    close: () => req.destroy(),
  };
}

async function environmentVersion(server: RampartProcess, serverKey: string): Promise<number> {
  const response = await fetch(`${server.url}/api/v1/sdk/flags`, { headers: { authorization: `Bearer ${serverKey}` } });
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('version' in body) || typeof body.version !== 'number')
    throw new Error('/sdk/flags answered no version');
  return body.version;
}

interface Readiness {
  readonly at: number;
  readonly status: number;
  readonly bus: string;
  readonly reason: string;
}

async function readiness(server: RampartProcess): Promise<Readiness> {
  const at = nowMs();
  try {
    const response = await fetch(`${server.url}/health/ready`, { signal: AbortSignal.timeout(5_000) });
    const body: unknown = await response.json();
    const field = (name: string) =>
      typeof body === 'object' && body !== null && name in body ? String(Reflect.get(body, name)) : '';
    return { at, status: response.status, bus: field('bus'), reason: field('reason') };
  } catch (error) {
    return { at, status: 0, bus: '', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Samples `server`'s readiness every `everyMs` until stopped. */
function sampleReadiness(server: RampartProcess, everyMs: number): { stop(): Promise<Readiness[]> } {
  const samples: Readiness[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push(await readiness(server));
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

interface PhaseResult {
  readonly name: string;
  /** From the write's answer to the stream showing its version; negative when the stream was first. */
  readonly afterAck: number[];
  /** From just before the write was sent to the stream showing its version. */
  readonly afterSend: number[];
  /** The write request itself, sent to answered. */
  readonly request: number[];
}

interface Setup {
  /** The environment's version after the last write. */
  version: number;
  /** Whether the flag is on: the next write kills it if so, else revives it. */
  on: boolean;
  readonly random: () => number;
  /** How often each instance reads the store's versions: half the convergence bound. */
  readonly pollMs: number;
  readonly reachTimeoutMs: number;
}

async function runPhase(
  setup: Setup,
  name: string,
  writer: RampartProcess,
  watcher: VersionFollower,
  changes: number,
): Promise<PhaseResult> {
  const result: PhaseResult = { name, afterAck: [], afterSend: [], request: [] };
  for (let i = 0; i < changes; i++) {
    setup.version++;
    const action = setup.on ? 'kill' : 'revive';
    setup.on = !setup.on;
    const sentAt = nowMs();
    const seen = watcher.reach(setup.version, setup.reachTimeoutMs);
    await writer.admin('POST', `/flags/${FLAG}/environments/production/${action}`, { reason: 'convergence benchmark' });
    const ackAt = nowMs();
    const seenAt = await seen;
    result.request.push(ackAt - sentAt);
    result.afterAck.push(seenAt - ackAt);
    result.afterSend.push(seenAt - sentAt);
    // Waiting for each change ties the next write to the poll that delivered this one; a pause
    // of 100 ms plus a share of the poll interval drawn from a seeded generator spreads the
    // writes evenly over the interval instead.
    await sleep(100 + Math.floor(setup.random() * setup.pollMs));
  }
  return result;
}

async function run(changes: number, convergenceMs: number | undefined): Promise<void> {
  execFileSync(
    'psql',
    [
      ...PG,
      '-d',
      'postgres',
      '-c',
      `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`,
      '-c',
      `CREATE DATABASE ${DATABASE}`,
    ],
    { stdio: 'ignore', timeout: 30_000 },
  );
  const proxy: TcpProxy = await startTcpProxy(REDIS);
  const started: RampartProcess[] = [];
  const followers: VersionFollower[] = [];
  try {
    const common = {
      DATABASE_URL,
      ...(convergenceMs === undefined ? {} : { CONVERGENCE_MS: String(convergenceMs) }),
    };
    // One after the other: the first migrates and creates the admin key, the second finds both.
    const a = await startRampart({ env: { ...common, REDIS_URL: `redis://${REDIS.host}:${REDIS.port}` } });
    started.push(a);
    const b = await startRampart({ env: { ...common, REDIS_URL: `redis://127.0.0.1:${proxy.port}` } });
    started.push(b);
    for (const server of [a, b]) {
      const ready = await readiness(server);
      if (ready.status !== 200 || ready.bus !== 'connected')
        throw new Error(`${server.url} is not ready with its bus connected: ${JSON.stringify(ready)}`);
    }

    await a.admin('POST', '/flags', { key: FLAG });
    // a new flag's configuration is at version 1; on, so that kill and revive each change it
    await a.admin(
      'PUT',
      `/flags/${FLAG}/environments/production`,
      { enabled: true, rules: [{ rollout: { percentage: 100 } }] },
      { 'if-match': '"1"' },
    );
    const serverKey = await a.createKey('server');
    const start = await environmentVersion(a, serverKey);
    const onA = followStream(a.url, serverKey);
    const onB = followStream(b.url, serverKey);
    followers.push(onA, onB);
    await Promise.all([onA.reach(start, 10_000), onB.reach(start, 10_000)]);
    const bound = convergenceMs ?? DEFAULT_CONVERGENCE_MS;
    const setup: Setup = {
      version: start,
      on: true,
      random: createRandom(0x5eed),
      pollMs: bound / 2,
      reachTimeoutMs: 10_000 + 3 * bound,
    };
    process.stderr.write(
      `A ${a.url}, B ${b.url} (Redis through the proxy on port ${proxy.port}); ${changes} changes per phase…\n`,
    );

    const phases: PhaseResult[] = [];
    phases.push(await runPhase(setup, 'healthy: write through A, SDK on B', a, onB, changes));

    const stalledAt = nowMs();
    await proxy.set('stall');
    const sampler = sampleReadiness(b, 200);
    phases.push(await runPhase(setup, "B's Redis stalled: write through A, SDK on B", a, onB, changes));
    phases.push(await runPhase(setup, "B's Redis stalled: write through B, SDK on A", b, onA, changes));
    const stallSamples = await sampler.stop();

    const restoredAt = nowMs();
    await proxy.set('pass');
    let reconnected: Readiness | undefined;
    while (nowMs() - restoredAt < 30_000) {
      const sample = await readiness(b);
      if (sample.bus === 'connected') {
        reconnected = sample;
        break;
      }
      await sleep(100);
    }

    report(changes, convergenceMs, phases, stalledAt, stallSamples, restoredAt, reconnected);
  } finally {
    for (const follower of followers) follower.close();
    await Promise.all(started.map((server) => server.stop()));
    await proxy.close();
    execFileSync('psql', [...PG, '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`], {
      stdio: 'ignore',
      timeout: 30_000,
    });
  }
}

function report(
  changes: number,
  convergenceMs: number | undefined,
  phases: readonly PhaseResult[],
  stalledAt: number,
  stallSamples: readonly Readiness[],
  restoredAt: number,
  reconnected: Readiness | undefined,
): void {
  const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
  const bound = convergenceMs ?? DEFAULT_CONVERGENCE_MS;
  console.log(`Rampart convergence benchmark, ${new Date().toISOString().slice(0, 10)}`);
  console.log(machineLine());
  console.log(
    `two instances on one PostgreSQL, B's Redis through a TCP proxy; CONVERGENCE_MS=${convergenceMs === undefined ? `${bound} (default)` : bound} ` +
      `(each instance reads the store's versions every ${bound / 2} ms); ${changes} changes per phase, one at a time`,
  );
  console.log("time from each write's answer to the other instance's SDK stream showing its version:\n");
  console.log(
    '| phase                                          | changes | p50        | p99        | max        | write answered, p50 / max |',
  );
  console.log(
    '|------------------------------------------------|--------:|-----------:|-----------:|-----------:|---------------------------|',
  );
  for (const phase of phases) {
    const seen = percentiles(phase.afterAck);
    const request = percentiles(phase.request);
    console.log(
      `| ${phase.name.padEnd(46)} | ${String(seen.count).padStart(7)} | ${ms(seen.p50)} | ${ms(seen.p99)} | ${ms(seen.max)} | ${`${request.p50.toFixed(1)} / ${request.max.toFixed(1)} ms`.padEnd(25)} |`,
    );
  }
  console.log('\nthe same, from just before each write was sent (as the scale-out test measures):');
  for (const phase of phases) {
    const seen = percentiles(phase.afterSend);
    console.log(
      `  ${phase.name}: p50 ${seen.p50.toFixed(1)} ms, p99 ${seen.p99.toFixed(1)} ms, max ${seen.max.toFixed(1)} ms`,
    );
  }
  const early = phases.reduce((count, phase) => count + phase.afterAck.filter((delay) => delay < 0).length, 0);
  if (early > 0)
    console.log(
      `${early} changes reached the stream before their write's answer reached the benchmark (negative delays)`,
    );

  const left = stallSamples.find((sample) => sample.bus !== 'connected');
  const statuses = new Map<string, number>();
  for (const sample of stallSamples) {
    const label = `${sample.status} bus=${sample.bus || '?'}`;
    statuses.set(label, (statuses.get(label) ?? 0) + 1);
  }
  console.log(`\nB's /health/ready while its Redis was stalled (${stallSamples.length} samples, every 200 ms):`);
  console.log(`  ${[...statuses].map(([label, count]) => `${label}: ${count}`).join(', ')}`);
  const unready = stallSamples.find((sample) => sample.status !== 200);
  if (unready !== undefined) console.log(`  first 503: ${unready.reason}`);
  console.log(
    left === undefined
      ? '  B reported its bus connected throughout'
      : `  B reported its bus ${left.bus} ${((left.at - stalledAt) / 1000).toFixed(1)} s after the stall began`,
  );
  console.log(
    reconnected === undefined
      ? 'after the proxy forwarded again, B did not report its bus connected within 30 s'
      : `after the proxy forwarded again, B reported its bus connected within ${((reconnected.at - restoredAt) / 1000).toFixed(1)} s`,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { changes: { type: 'string' }, 'convergence-ms': { type: 'string' } } });
  const convergence = values['convergence-ms'] === undefined ? undefined : numberOption(values, 'convergence-ms', 0);
  await run(numberOption(values, 'changes', 50), convergence);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAllChildren();
  process.exit(1);
});
