/**
 * CLI start-up benchmark: how long `rampart --help`, `rampart --version` and `rampart schema`
 * take from spawning `node` to the process's exit, interleaved with a bare `node -e 0` as the
 * floor that no Node command can beat on this machine. The goal for `--help` is under 300 ms.
 * No peer is measured: GrowthBook's CLI fetches a binary at install time and the other peers'
 * CLIs are not JavaScript packages, so none of them installs here.
 *
 * Usage: npm run bench:cli [-- --runs <n>]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The bin as npm links it: a two-line file that imports the build.
const MAIN = fileURLToPath(new URL('../packages/cli/bin/rampart.js', import.meta.url));
const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 30;

function timeRun(args: readonly string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    child.once('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
    child.once('error', reject);
  });
}

function summary(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const ms = (value: number) => `${value.toFixed(0).padStart(4)} ms`;
  return `median ${ms(at(0.5))}   min ${ms(sorted[0] ?? Number.NaN)}   p90 ${ms(at(0.9))}   max ${ms(sorted.at(-1) ?? Number.NaN)}   (${sorted.length} runs)`;
}

async function main(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build -w @rampart/cli first`);
  const cases: [string, string[]][] = [
    ['node -e 0 (floor)', ['-e', '0']],
    ['rampart --help', [MAIN, '--help']],
    ['rampart --version', [MAIN, '--version']],
    ['rampart schema', [MAIN, 'schema']],
  ];
  const samples = cases.map(() => [] as number[]);
  for (const [, args] of cases) await timeRun(args); // warm the file cache
  for (let run = 0; run < RUNS; run++) {
    for (const [index, [, args]] of cases.entries()) samples[index]?.push(await timeRun(args));
  }
  console.log('CLI start-up, spawn to exit:');
  for (const [index, [name]] of cases.entries()) console.log(`  ${name.padEnd(20)} ${summary(samples[index] ?? [])}`);
  console.log('  goal: rampart --help under 300 ms.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
