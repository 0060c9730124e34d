import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './test-support/server-process.js';
import { openRawStream } from './test-support/sse-reader.js';

const TOKEN = 'shutdown-test-admin-token-0123456789';

describe('SIGTERM', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-shutdown-'));
  let server: ServerProcess | undefined;
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends every open stream a jittered retry:, ends it, and exits 0', async () => {
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'rampart.db')}`, RAMPART_ADMIN_TOKEN: TOKEN });
    const created = await fetch(`${server.url}/api/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'server', environment: 'production', name: 'sdk' }),
    });
    const { secret } = (await created.json()) as { secret: string };
    const streams = await Promise.all(
      [1, 2].map(() => openRawStream(`${server?.url ?? ''}/api/v1/sdk/stream`, { authorization: `Bearer ${secret}` })),
    );
    await Promise.all(streams.map((stream) => stream.until((s) => s.events().length >= 1)));

    server.child.kill('SIGTERM');
    expect(await Promise.all(streams.map((stream) => stream.ended))).toEqual(['end', 'end']);
    for (const stream of streams) {
      const retry = stream.events().at(-1)?.retry ?? Number.NaN;
      expect(retry).toBeGreaterThanOrEqual(1000);
      expect(retry).toBeLessThanOrEqual(5000);
    }
    expect(await server.exited).toBe(0);
  });
});
