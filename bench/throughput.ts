/**
 * Throughput benchmark: autocannon (50 connections, 10 s per case) against Rampart's
 * `/sdk/flags` (200 and 304) and `/client/evaluate`, and against unleash-server serving the
 * same 50 flags in the same run: `/api/client/features` (200 and 304) and `/api/frontend`.
 * One server runs at a time; autocannon runs in its own process.
 *
 * Usage: npm run bench:throughput [-- --seconds 10 --connections 50 --no-unleash]
 */
import { parseArgs } from 'node:util';
import { CONTEXT, FLAGS } from './live/flag-set';
import { runLoad, type LoadCase, type LoadResult } from './live/load';
import { machineLine } from './live/machine';
import { stopAllChildren } from './live/processes';
import { createRampartFlags } from './live/rampart-flags';
import { startRampart } from './live/rampart-process';
import { numberOption } from './live/stats';
import { createUnleashFlags } from './live/unleash-flags';
import { startUnleash, UNLEASH_TOKENS } from './live/unleash-peer';
import { packageVersion } from './versions';

type CaseId =
  | 'rampart-200'
  | 'rampart-304'
  | 'rampart-evaluate'
  | 'rampart-evaluate-all'
  | 'unleash-200'
  | 'unleash-304'
  | 'unleash-frontend';

interface Row {
  readonly id: CaseId;
  readonly label: string;
  readonly expected: '2xx' | '3xx';
  readonly result: LoadResult;
}

interface Settings {
  readonly seconds: number;
  readonly connections: number;
}

const WARM_UP_SECONDS = 3;

async function measure(
  id: CaseId,
  label: string,
  expected: Row['expected'],
  load: LoadCase,
  settings: Settings,
): Promise<Row> {
  process.stderr.write(`  ${label}…\n`);
  await runLoad(load, { connections: settings.connections, seconds: WARM_UP_SECONDS });
  return { id, label, expected, result: await runLoad(load, settings) };
}

async function probe(url: string, init: RequestInit): Promise<{ status: number; etag: string; body: unknown }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag') ?? '',
    body: text === '' ? undefined : JSON.parse(text),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The length of a list in a JSON answer, or for an object of results the number that are enabled. */
function countOf(body: unknown, listName: 'flags' | 'toggles' | 'features'): number {
  const list = isRecord(body) ? body[listName] : undefined;
  if (Array.isArray(list)) return list.length;
  return isRecord(list)
    ? Object.values(list).filter((result) => isRecord(result) && result.enabled === true).length
    : Number.NaN;
}

async function rampartRows(settings: Settings, allClientSide: boolean): Promise<Row[]> {
  const server = await startRampart();
  try {
    await createRampartFlags(server, { allClientSide });
    const serverKey = await server.createKey('server');
    const clientKey = await server.createKey('client');
    const flagsUrl = `${server.url}/api/v1/sdk/flags`;
    const evaluate: LoadCase = {
      url: `${server.url}/api/v1/client/evaluate`,
      method: 'POST',
      headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ context: CONTEXT }),
    };
    const evaluated = await probe(evaluate.url, { method: 'POST', headers: evaluate.headers, body: evaluate.body });
    const on = countOf(evaluated.body, 'flags');
    if (allClientSide)
      return [
        await measure(
          'rampart-evaluate-all',
          `Rampart /client/evaluate, all 50 flags client-side (${on} on)`,
          '2xx',
          evaluate,
          settings,
        ),
      ];
    const snapshot = await probe(flagsUrl, { headers: { authorization: `Bearer ${serverKey}` } });
    if (snapshot.status !== 200 || countOf(snapshot.body, 'flags') !== FLAGS.length)
      throw new Error(`/sdk/flags answered ${snapshot.status} without the ${FLAGS.length} flags`);
    return [
      await measure(
        'rampart-200',
        'Rampart /sdk/flags 200',
        '2xx',
        { url: flagsUrl, headers: { authorization: `Bearer ${serverKey}` } },
        settings,
      ),
      await measure(
        'rampart-304',
        'Rampart /sdk/flags 304',
        '3xx',
        { url: flagsUrl, headers: { authorization: `Bearer ${serverKey}`, 'if-none-match': snapshot.etag } },
        settings,
      ),
      await measure(
        'rampart-evaluate',
        `Rampart /client/evaluate, 10 client-side flags (${on} on)`,
        '2xx',
        evaluate,
        settings,
      ),
    ];
  } finally {
    await server.stop();
  }
}

/**
 * Unleash's frontend API fills its cache in the background, flag by flag: wait until its
 * answer has flags on and stays the same for three probes a second apart.
 */
async function frontendReady(url: string, init: RequestInit): Promise<number> {
  const deadline = Date.now() + 60_000;
  const counts: number[] = [];
  for (;;) {
    const answer = await probe(url, init);
    counts.push(answer.status === 200 ? countOf(answer.body, 'toggles') : 0);
    const last = counts.slice(-3);
    if (last.length === 3 && last[0] !== undefined && last[0] > 0 && last.every((count) => count === last[0]))
      return last[0];
    if (Date.now() > deadline)
      throw new Error(`Unleash's /api/frontend did not settle within 60 s (flags on: ${counts.join(', ')})`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function unleashRows(settings: Settings): Promise<{ version: string; rows: Row[] }> {
  const peer = await startUnleash();
  try {
    await createUnleashFlags(peer.admin);
    const featuresUrl = `${peer.url}/api/client/features`;
    const backend = { authorization: UNLEASH_TOKENS.backend };
    const features = await probe(featuresUrl, { headers: backend });
    if (features.status !== 200 || countOf(features.body, 'features') !== FLAGS.length)
      throw new Error(`Unleash /api/client/features answered ${features.status} without the ${FLAGS.length} flags`);
    const frontend: LoadCase = {
      url: `${peer.url}/api/frontend`,
      method: 'POST',
      headers: { authorization: UNLEASH_TOKENS.frontend, 'content-type': 'application/json' },
      body: JSON.stringify({
        context: {
          userId: CONTEXT.userId,
          properties: { email: CONTEXT.email, country: CONTEXT.country, plan: CONTEXT.plan },
        },
      }),
    };
    const on = await frontendReady(frontend.url, { method: 'POST', headers: frontend.headers, body: frontend.body });
    const label = `unleash-server ${peer.version}`;
    return {
      version: peer.version,
      rows: [
        await measure(
          'unleash-200',
          `${label} /api/client/features 200`,
          '2xx',
          { url: featuresUrl, headers: backend },
          settings,
        ),
        await measure(
          'unleash-304',
          `${label} /api/client/features 304`,
          '3xx',
          { url: featuresUrl, headers: { ...backend, 'if-none-match': features.etag } },
          settings,
        ),
        await measure('unleash-frontend', `${label} /api/frontend, all 50 flags (${on} on)`, '2xx', frontend, settings),
      ],
    };
  } finally {
    await peer.stop();
  }
}

function report(rows: readonly Row[], settings: Settings, peer: string): void {
  const width = Math.max(...rows.map((row) => row.label.length));
  console.log(`Rampart throughput benchmark, ${new Date().toISOString().slice(0, 10)}`);
  console.log(machineLine());
  console.log(
    `autocannon ${packageVersion('autocannon')}, ${settings.connections} connections, ${settings.seconds} s per case after ${WARM_UP_SECONDS} s of warm-up; one server at a time\n`,
  );
  console.log(`| ${'case'.padEnd(width)} |    req/s | p50 ms | p99 ms | expected status |`);
  console.log(`|${'-'.repeat(width + 2)}|---------:|-------:|-------:|----------------:|`);
  for (const { label, expected, result } of rows) {
    const total = Object.values(result.statuses).reduce((sum, n) => sum + (Number.isNaN(n) ? 0 : n), 0);
    const share =
      total === 0 ? 'none' : `${(((result.statuses[expected] ?? 0) / total) * 100).toFixed(1)} % ${expected}`;
    console.log(
      `| ${label.padEnd(width)} | ${result.requestsPerSecond.toFixed(0).padStart(8)} | ${result.latencyP50.toFixed(0).padStart(6)} | ${result.latencyP99.toFixed(0).padStart(6)} | ${share.padStart(15)} |${result.errors > 0 ? ` ${result.errors} errors` : ''}`,
    );
  }
  const rate = (id: CaseId) => rows.find((row) => row.id === id)?.result.requestsPerSecond ?? Number.NaN;
  const ratio = (what: string, ours: CaseId, theirs: CaseId, goal: number) => {
    const value = rate(ours) / rate(theirs);
    console.log(
      `  ${what.padEnd(62)} ${Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)}×`.padStart(6)}   goal >= ${goal}×`,
    );
  };
  console.log(`\nRampart's requests per second over ${peer}'s:`);
  ratio('/sdk/flags 304 over /api/client/features 304', 'rampart-304', 'unleash-304', 10);
  ratio('/sdk/flags 200 over /api/client/features 200', 'rampart-200', 'unleash-200', 5);
  ratio('/client/evaluate (10 client-side flags) over /api/frontend (50)', 'rampart-evaluate', 'unleash-frontend', 5);
  ratio('/client/evaluate (all 50 client-side) over /api/frontend (50)', 'rampart-evaluate-all', 'unleash-frontend', 5);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: 'string' }, connections: { type: 'string' }, 'no-unleash': { type: 'boolean' } },
  });
  const settings: Settings = {
    seconds: numberOption(values, 'seconds', 10),
    connections: numberOption(values, 'connections', 50),
  };
  process.stderr.write('Rampart (SQLite):\n');
  const rows = [...(await rampartRows(settings, false)), ...(await rampartRows(settings, true))];
  let peer = 'unleash-server (not measured: --no-unleash)';
  if (values['no-unleash'] !== true) {
    process.stderr.write('unleash-server (PostgreSQL):\n');
    try {
      const unleash = await unleashRows(settings);
      rows.push(...unleash.rows);
      peer = `unleash-server ${unleash.version}`;
    } catch (error) {
      peer = `unleash-server (not measured: ${error instanceof Error ? error.message : String(error)})`;
    }
  }
  report(rows, settings, peer);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAllChildren();
  process.exit(1);
});
