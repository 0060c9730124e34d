/**
 * Start-up benchmark: how long `@rampart/server` takes from spawning `node` to the first
 * 200 from `/health/ready`, on SQLite, for a fresh database (migrations and first-start
 * bootstrap included) and for an existing one. A bare `node -e 0` spawn is measured in the
 * same run as the floor that no Node server can beat on this machine.
 *
 * Usage: npm run bench:startup [-- --runs <n>]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../packages/server/dist/main.js', import.meta.url));
const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 15;

interface Sample {
  ms: number;
}

async function timeNodeFloor(): Promise<Sample> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.once('exit', () => resolve());
    child.once('error', reject);
  });
  return { ms: performance.now() - started };
}

async function timeServer(databaseFile: string): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: `file:${databaseFile}`,
      RAMPART_ADMIN_TOKEN: 'startup-benchmark-admin-token-0123456789',
    },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      // The banner with the URL is on stderr.
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${String(code)}: ${output}`)));
    });
    for (;;) {
      const response = await fetch(`${url}/health/ready`).catch(() => undefined);
      if (response?.status === 200) return { ms: performance.now() - started };
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  }
}

function summary(samples: readonly Sample[]): string {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return `median ${at(0.5).toFixed(0).padStart(4)} ms   min ${(sorted[0] ?? Number.NaN).toFixed(0).padStart(4)} ms   p90 ${at(0.9).toFixed(0).padStart(4)} ms   (${sorted.length} runs)`;
}

async function main(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build -w @rampart/server first`);
  const dir = mkdtempSync(join(tmpdir(), 'rampart-startup-'));
  try {
    const floor: Sample[] = [];
    const fresh: Sample[] = [];
    const existing: Sample[] = [];
    await timeServer(join(dir, 'warm-up.db'));
    for (let run = 0; run < RUNS; run++) {
      floor.push(await timeNodeFloor());
      const file = join(dir, `fresh-${run}.db`);
      fresh.push(await timeServer(file));
      existing.push(await timeServer(file));
    }
    console.log('Start-up to the first 200 from /health/ready (SQLite):');
    console.log(`  node -e 0 (floor)           ${summary(floor)}`);
    console.log(`  rampart, fresh database     ${summary(fresh)}`);
    console.log(`  rampart, existing database  ${summary(existing)}`);
    console.log(
      '  goal: <= 300 ms. Reference, not measured in this run: unleash-server takes about 2.4 s on this machine',
    );
    console.log('  (it needs a PostgreSQL server, which this benchmark does not start).');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
