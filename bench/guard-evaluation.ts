/**
 * What a guard costs `isEnabled`: the Node SDK answering the evaluation benchmark's three flags
 * (flags.ts), once as they are and once with `rollout25` and `targeted` under a guarded release
 * plan (their rollout rules guarded, so every evaluation that reaches them counts the user's
 * unit in its arm). `simple` is guarded in neither: its two figures show the noise. Each case
 * runs in its own process, the two alternating, and each process measures as `npm run bench`
 * does (measure.ts), over the same 100,000 contexts. Those are 100,000 distinct users, all
 * counted in one interval (a pass does not yield, so the counts are never sent and emptied):
 * more than one process's interval is likely to see. `--users n` makes them n distinct users,
 * each coming back 100,000 / n times, as the users of one upload interval do.
 * Usage: npm run bench:guard-eval [-- --users 100000 --runs 3 --warmup 3 --passes 7 --min-pass-ms 25]
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from '@rampart/sdk-node';
import type { Snapshot } from '@rampart/core';
import { CONTEXT_COUNT, generateContexts } from './contexts';
import { bindEngine } from './engines/engine';
import { rampartSnapshot } from './engines/rampart';
import { FLAG_KEYS, type FlagKey } from './flags';
import { measure, median } from './measure';
import { parseEngineReport, table } from './report';
import type { EngineReport } from './run-engine';
import { packageVersion } from './versions';

const CASES = ['unguarded', 'guarded'] as const;
type Case = (typeof CASES)[number];

/** The rules that the guarded case's plans ramp. */
const GUARDED_RULES: ReadonlyMap<string, string> = new Map([
  ['rollout25', 'rollout'],
  ['targeted', 'markets'],
]);

function snapshotOf(which: Case): Snapshot {
  const snapshot = rampartSnapshot();
  if (which === 'unguarded') return snapshot;
  return {
    ...snapshot,
    flags: snapshot.flags.map((flag) => {
      const ruleId = GUARDED_RULES.get(flag.key);
      return ruleId === undefined ? flag : { ...flag, guard: { ruleId, event: 'checkout-error', batch: 'bench' } };
    }),
  };
}

/**
 * The child: a client that takes the case's snapshot from a local stand-in's stream (as
 * engines/sdk-node.ts does) and whose counts the stand-in accepts, measured, one JSON line out.
 */
async function child(
  which: Case,
  options: { users: number; warmup: number; passes: number; minPassMs: number },
): Promise<void> {
  const event = `event: snapshot\ndata: ${JSON.stringify(snapshotOf(which))}\n\n`;
  const server = createServer((request, response) => {
    if (request.url === '/api/v1/sdk/stream') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(event);
    } else if (request.url === '/api/v1/sdk/guard-counts') {
      request.resume().on('end', () => response.writeHead(202).end('{"accepted":0,"ignored":0}'));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the stand-in server has no TCP port');
  const flags = createClient({ url: `http://127.0.0.1:${address.port}`, sdkKey: 'rps_bench', timeoutMs: 5_000 });
  if ((await flags.ready()) !== 'ready') throw new Error('the SDK did not receive the snapshot');
  const users = generateContexts(options.users);
  const contexts = Array.from({ length: Math.ceil(CONTEXT_COUNT / users.length) }, () => users)
    .flat()
    .slice(0, CONTEXT_COUNT);
  const engine = bindEngine(contexts, (flagKey, context) => flags.isEnabled(flagKey, context));
  const results = measure(engine, FLAG_KEYS, contexts.length, {
    warmupPasses: options.warmup,
    timedPasses: options.passes,
    minPassMs: options.minPassMs,
  });
  await flags.close();
  server.closeAllConnections();
  server.close();
  const report: EngineReport = { engine: 'sdk-node', contexts: contexts.length, results };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(which: Case, args: readonly string[]): Promise<EngineReport> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const worker = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--case', which, ...args], {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    worker.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    worker.on('error', reject);
    worker.on('close', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') reject(new Error(`the ${which} case exited with ${code}`));
      else resolve(parseEngineReport(line));
    });
  });
}

const ns = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${ns(Math.abs(value))}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      case: { type: 'string' },
      users: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      passes: { type: 'string' },
      'min-pass-ms': { type: 'string' },
    },
  });
  const warmup = Number(values.warmup ?? '3');
  const passes = Number(values.passes ?? '7');
  const minPassMs = Number(values['min-pass-ms'] ?? '25');
  const users = Number(values.users ?? CONTEXT_COUNT);
  if (!Number.isInteger(users) || users < 1 || users > CONTEXT_COUNT) {
    throw new Error(`--users takes an integer from 1 to ${CONTEXT_COUNT}, got '${values.users}'`);
  }
  const which = CASES.find((name) => name === values.case);
  if (which !== undefined) return child(which, { users, warmup, passes, minPassMs });
  if (values.case !== undefined) throw new Error(`unknown case '${values.case}'; known: ${CASES.join(', ')}`);

  const runs = Number(values.runs ?? '3');
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive integer, got '${values.runs}'`);
  const args = ['--users', String(users), '--warmup', String(warmup), '--passes', String(passes)];
  args.push('--min-pass-ms', String(minPassMs));
  const reports: Record<Case, EngineReport[]> = { unguarded: [], guarded: [] };
  for (let run = 1; run <= runs; run++) {
    // Alternating which case goes first, so that neither always has the machine's first minute.
    for (const name of run % 2 === 1 ? CASES : [...CASES].reverse()) {
      process.stderr.write(`measuring ${name} (run ${run} of ${runs})…\n`);
      reports[name].push(await runChild(name, args));
    }
  }
  const perRun = (name: Case, flag: FlagKey) =>
    reports[name].map((report) => report.results.find((result) => result.flag === flag)?.nsPerOp ?? Number.NaN);
  const same = FLAG_KEYS.every((flag) => {
    const decisions = CASES.flatMap((name) =>
      reports[name].map((report) => report.results.find((result) => result.flag === flag)?.decisions),
    );
    return decisions.every((decision) => decision === decisions[0]);
  });
  const rows = FLAG_KEYS.map((flag) => {
    const unguarded = perRun('unguarded', flag);
    const guarded = perRun('guarded', flag);
    // Run i of each case comes from the same pass through the cases.
    const differences = guarded.map((value, i) => value - (unguarded[i] ?? Number.NaN));
    return [
      flag,
      GUARDED_RULES.has(flag) ? `rule '${GUARDED_RULES.get(flag)}'` : 'no',
      ns(median(unguarded)),
      ns(median(guarded)),
      signed(median(differences)),
      differences.map(signed).join(' / '),
    ];
  });
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`Rampart guard evaluation benchmark, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} cores (${cpu})`);
  console.log(
    `@rampart/sdk-node ${packageVersion('@rampart/sdk-node')} isEnabled; ` +
      `${CONTEXT_COUNT.toLocaleString('en')} contexts of ${users.toLocaleString('en')} distinct users; ` +
      `per case and flag ${warmup} warm-up passes, ` +
      `then the median of ${passes} timed passes of at least ${minPassMs} ms; ` +
      `one process per case, alternating; ${runs} runs, and the median of their medians`,
  );
  console.log('');
  console.log(
    table(
      [['flag', 'guarded', 'unguarded ns/op', 'guarded ns/op', 'difference', 'difference run by run'], ...rows],
      (column) => column >= 2 && column <= 4,
    ),
  );
  console.log('');
  console.log(`Both cases decided alike for every context and flag: ${same ? 'yes' : 'NO'}.`);
}

await main();
