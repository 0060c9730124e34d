/**
 * Propagation benchmark: N SSE clients of `/api/v1/sdk/stream`, in a separate process, and the
 * time from just before the admin kill (or revive) request is sent to each client seeing the
 * patch. Server, clients and driver are three processes on the same machine clock.
 *
 * Usage: npm run bench:propagation [-- --clients 1000 --rounds 20]
 */
import { parseArgs } from 'node:util';
import { startSseClients, type SseClients } from './live/client-process';
import { stopAllChildren } from './live/processes';
import { startRampart, type RampartProcess } from './live/rampart-process';
import { openFileLimit, requireFileLimit } from './live/file-limit';
import { nowMs, numberOption, percentiles } from './live/stats';
import { machineLine } from './live/machine';

const FLAG = 'checkout';
const ROUND_TIMEOUT_MS = 15_000;

/** p99 goals from the issue, in ms, by client count. */
function goalFor(clients: number): string {
  if (clients <= 1_000) return 'p99 <= 50 ms (at 1,000)';
  if (clients <= 10_000) return 'p99 <= 250 ms (at 10,000)';
  return '(no goal above 10,000)';
}

async function environmentVersion(server: RampartProcess, serverKey: string): Promise<number> {
  const response = await fetch(`${server.url}/api/v1/sdk/flags`, { headers: { authorization: `Bearer ${serverKey}` } });
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('version' in body) || typeof body.version !== 'number')
    throw new Error('/sdk/flags answered no version');
  return body.version;
}

async function run(clientCount: number, rounds: number): Promise<void> {
  requireFileLimit(clientCount);
  const server = await startRampart();
  let clients: SseClients | undefined;
  try {
    await server.admin('POST', '/flags', { key: FLAG });
    // a new flag's configuration is at version 1
    await server.admin(
      'PUT',
      `/flags/${FLAG}/environments/production`,
      { enabled: true, rules: [{ rollout: { percentage: 100 } }] },
      { 'if-match': '"1"' },
    );
    const serverKey = await server.createKey('server');
    let version = await environmentVersion(server, serverKey);

    clients = startSseClients();
    const connected = await clients.connect(
      `${server.url}/api/v1/sdk/stream`,
      { authorization: `Bearer ${serverKey}` },
      clientCount,
      120_000 + clientCount * 20,
    );
    if (connected.open < clientCount)
      throw new Error(`only ${connected.open} of ${clientCount} streams opened (first error: ${connected.firstError})`);
    process.stderr.write(
      `${clientCount} streams open in ${(connected.ms / 1000).toFixed(1)} s; ${rounds} kill/revive rounds…\n`,
    );

    const delays: number[] = [];
    const requestMs: number[] = [];
    let missing = 0;
    for (let round = 0; round < rounds; round++) {
      for (const action of ['kill', 'revive'] as const) {
        version++;
        const arrivals = clients.awaitVersion(version, ROUND_TIMEOUT_MS);
        const sentAt = nowMs();
        await server.admin('POST', `/flags/${FLAG}/environments/production/${action}`, {
          reason: 'propagation benchmark',
        });
        requestMs.push(nowMs() - sentAt);
        const result = await arrivals;
        missing += result.missing;
        for (const at of result.arrivals) delays.push(at - sentAt);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    report(clientCount, rounds, delays, requestMs, missing);
  } finally {
    await clients?.close();
    await server.stop();
  }
}

function report(clientCount: number, rounds: number, delays: number[], requestMs: number[], missing: number): void {
  const all = percentiles(delays);
  const request = percentiles(requestMs);
  const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
  console.log(`Rampart propagation benchmark, ${new Date().toISOString().slice(0, 10)}`);
  console.log(machineLine());
  console.log(
    `${clientCount.toLocaleString('en')} SSE clients in one process (raw node:http); ${rounds} kill/revive rounds = ${rounds * 2} changes`,
  );
  console.log('time from just before the admin request is sent to each client reading the patch:\n');
  console.log('| clients | arrivals | p50        | p99        | max        | goal                      |');
  console.log('|--------:|---------:|-----------:|-----------:|-----------:|---------------------------|');
  console.log(
    `| ${clientCount.toLocaleString('en').padStart(7)} | ${String(all.count).padStart(8)} | ${ms(all.p50)} | ${ms(all.p99)} | ${ms(all.max)} | ${goalFor(clientCount).padEnd(25)} |`,
  );
  console.log(
    `\nadmin request itself (sent to answered): p50 ${request.p50.toFixed(1)} ms, max ${request.max.toFixed(1)} ms`,
  );
  if (missing > 0)
    console.log(`${missing} expected arrivals did not come within ${ROUND_TIMEOUT_MS / 1000} s (not in the figures)`);
  console.log(`file-descriptor limit (soft): ${openFileLimit()}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { clients: { type: 'string' }, rounds: { type: 'string' } } });
  await run(numberOption(values, 'clients', 1_000), numberOption(values, 'rounds', 20));
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAllChildren();
  process.exit(1);
});
