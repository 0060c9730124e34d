/**
 * The evaluation benchmark: every engine, each in its own process, one after another, then
 * one table. Usage: npm run bench [-- --engines floor,rampart --warmup 3 --passes 7 --min-pass-ms 25 --runs 1]
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONTEXT_COUNT } from './contexts';
import { ENGINE_NAMES, isEngineName, type EngineName } from './engines/index';
import { formatReport, mergeRuns, parseEngineReport } from './report';
import type { EngineReport } from './run-engine';
import { packageVersion } from './versions';

const benchDir = fileURLToPath(new URL('.', import.meta.url));

type Outcome = { ok: true; report: EngineReport } | { ok: false; message: string };

function engineLabels(): Record<EngineName, string> {
  return {
    floor: 'floor (hand-written)',
    rampart: `@rampart/core ${packageVersion('@rampart/core')}`,
    'sdk-node': `@rampart/sdk-node ${packageVersion('@rampart/sdk-node')} isEnabled`,
    'unleash-client': `unleash-client ${packageVersion('unleash-client')}`,
    growthbook: `@growthbook/growthbook ${packageVersion('@growthbook/growthbook')}`,
    'flagd-core': `@openfeature/flagd-core ${packageVersion('@openfeature/flagd-core')}`,
  };
}

/** Runs one engine in a fresh Node process, so engines share neither JIT state nor heap. */
function runEngine(engine: EngineName, passArgs: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'run-engine.ts', engine, ...passArgs],
      // production mode, as a service runs: some libraries skip debug logging only then
      { cwd: benchDir, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ ok: false, message: error.message }));
    child.on('close', (code) => {
      if (stderr.trim() !== '') process.stderr.write(stderr);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') {
        const reason =
          stderr
            .trim()
            .split('\n')
            .find((l) => /Error|error:/.test(l)) ?? `exit code ${code}`;
        resolve({ ok: false, message: reason.trim() });
        return;
      }
      try {
        resolve({ ok: true, report: parseEngineReport(line) });
      } catch (error) {
        resolve({ ok: false, message: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}

function selectedEngines(list: string | undefined): EngineName[] {
  if (list === undefined) return [...ENGINE_NAMES];
  const names = list.split(',').map((name) => {
    const trimmed = name.trim();
    if (!isEngineName(trimmed)) throw new Error(`unknown engine '${trimmed}'; known: ${ENGINE_NAMES.join(', ')}`);
    return trimmed;
  });
  return [...new Set(names)];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engines: { type: 'string' },
      warmup: { type: 'string' },
      passes: { type: 'string' },
      'min-pass-ms': { type: 'string' },
      runs: { type: 'string' },
    },
  });
  const warmup = values.warmup ?? '3';
  const passes = values.passes ?? '7';
  const minPassMs = values['min-pass-ms'] ?? '25';
  const runs = Number(values.runs ?? '1');
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive integer, got '${values.runs}'`);
  const engines = selectedEngines(values.engines);
  const runsOf = new Map<EngineName, EngineReport[]>();
  const failures: { engine: EngineName; message: string }[] = [];
  for (let run = 1; run <= runs; run++) {
    // Each run starts one engine further along, so no engine always runs first or last.
    const start = (run - 1) % engines.length;
    for (const engine of [...engines.slice(start), ...engines.slice(0, start)]) {
      if (failures.some((failure) => failure.engine === engine)) continue;
      const which = runs > 1 ? ` (run ${run} of ${runs})` : '';
      process.stderr.write(`measuring ${engine}${which}…\n`);
      const outcome = await runEngine(engine, ['--warmup', warmup, '--passes', passes, '--min-pass-ms', minPassMs]);
      if (outcome.ok) runsOf.set(engine, [...(runsOf.get(engine) ?? []), outcome.report]);
      else failures.push({ engine, message: `${outcome.message}${which}` });
    }
  }
  const reports = engines.flatMap((engine) => {
    const done = runsOf.get(engine);
    return done === undefined || failures.some((failure) => failure.engine === engine) ? [] : [mergeRuns(done)];
  });
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(
    formatReport(reports, failures, {
      date: new Date().toISOString().slice(0, 10),
      environment: `Node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} cores (${cpu}), NODE_ENV=production`,
      contexts: CONTEXT_COUNT,
      warmupPasses: Number(warmup),
      timedPasses: Number(passes),
      minPassMs: Number(minPassMs),
      runs,
      labels: engineLabels(),
    }),
  );
  if (failures.length > 0) process.exitCode = 1;
}

await main();
