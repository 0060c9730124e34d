/**
 * Memory per idle stream: N SSE clients (default 10,000) from a separate process, and the
 * server's heap (after a full GC) and RSS before and after they connect. Measured the same
 * way, in the same run, for Rampart's `/api/v1/sdk/stream` and for two minimal reference
 * servers: Hono's plain `streamSSE` and raw `node:http`.
 *
 * Usage: npm run bench:memory [-- --streams 10000]
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSseClients } from './live/client-process';
import { requireFileLimit } from './live/file-limit';
import { machineLine } from './live/machine';
import { MEMORY_HOOK_ARGS, readMemory, type MemoryReading } from './live/memory-probe';
import { startChild, stopAllChildren, stopChild, waitForOutput } from './live/processes';
import { startRampart } from './live/rampart-process';
import { numberOption } from './live/stats';
import { installedVersion } from './live/installed-version';

const SETTLE_MS = 3_000;
const GOAL_KIB = 16;

interface Target {
  readonly label: string;
  readonly child: ChildProcess;
  readonly streamUrl: string;
  readonly headers: Record<string, string>;
  stop(): Promise<void>;
}

interface Row {
  readonly label: string;
  readonly open: number;
  readonly before: MemoryReading;
  readonly after: MemoryReading;
}

async function rampartTarget(): Promise<Target> {
  const server = await startRampart({ nodeArgs: MEMORY_HOOK_ARGS });
  await server.admin('POST', '/flags', { key: 'checkout' });
  await server.admin(
    'PUT',
    '/flags/checkout/environments/production',
    { enabled: true, rules: [{ rollout: { percentage: 100 } }] },
    { 'if-match': '"1"' },
  );
  const key = await server.createKey('server');
  return {
    label: '@rampart/server /api/v1/sdk/stream',
    child: server.child,
    streamUrl: `${server.url}/api/v1/sdk/stream`,
    headers: { authorization: `Bearer ${key}` },
    stop: () => server.stop(),
  };
}

async function referenceTarget(label: string, script: string): Promise<Target> {
  const child = startChild(process.execPath, [...MEMORY_HOOK_ARGS, script], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  const match = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
  return { label, child, streamUrl: `${match[1] ?? ''}/stream`, headers: {}, stop: () => stopChild(child) };
}

async function measure(start: () => Promise<Target>, streams: number): Promise<Row> {
  const target = await start();
  const clients = startSseClients();
  try {
    process.stderr.write(`  ${target.label}: ${streams} streams…\n`);
    const before = await readMemory(target.child);
    const connected = await clients.connect(target.streamUrl, target.headers, streams, 120_000 + streams * 20);
    if (connected.open < streams)
      throw new Error(
        `${target.label}: only ${connected.open} of ${streams} streams opened (first error: ${connected.firstError})`,
      );
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const after = await readMemory(target.child);
    return { label: target.label, open: connected.open, before, after };
  } finally {
    await clients.close();
    await target.stop();
  }
}

function report(rows: readonly Row[], streams: number): void {
  const kib = (bytes: number, open: number) => (bytes / open / 1024).toFixed(1).padStart(6);
  const width = Math.max(...rows.map((row) => row.label.length));
  console.log(`Rampart stream memory benchmark, ${new Date().toISOString().slice(0, 10)}`);
  console.log(machineLine());
  console.log(
    `${streams.toLocaleString('en')} idle SSE streams from a separate process; server memory after a full GC, before and ${SETTLE_MS / 1000} s after connecting\n`,
  );
  console.log(
    `| ${'server'.padEnd(width)} | heap KiB/stream | heap+external KiB/stream | RSS KiB/stream | RSS after (MiB) |`,
  );
  console.log(
    `|${'-'.repeat(width + 2)}|----------------:|-------------------------:|---------------:|----------------:|`,
  );
  for (const { label, open, before, after } of rows) {
    const heap = after.heapUsed - before.heapUsed;
    const external = after.external - before.external;
    console.log(
      `| ${label.padEnd(width)} | ${kib(heap, open).padStart(15)} | ${kib(heap + external, open).padStart(24)} | ${kib(after.rss - before.rss, open).padStart(14)} | ${(after.rss / 1024 / 1024).toFixed(0).padStart(15)} |`,
    );
  }
  console.log(`\ngoal for Rampart: <= ${GOAL_KIB} KiB per idle stream (RSS) at 10,000 streams`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { streams: { type: 'string' } } });
  const streams = numberOption(values, 'streams', 10_000);
  requireFileLimit(streams);
  const rows = [
    await measure(rampartTarget, streams),
    await measure(
      () => referenceTarget(`hono ${installedVersion('hono')} streamSSE (reference)`, 'live/reference-hono-sse.ts'),
      streams,
    ),
    await measure(() => referenceTarget('node:http (reference)', 'live/reference-raw-sse.ts'), streams),
  ];
  report(rows, streams);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAllChildren();
  process.exit(1);
});
