import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createSilentLogger } from '../base/logger.js';
import { bootstrap } from '../bootstrap.js';
import { createMemoryBus } from '../bus/memory-bus.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { startServerProcess, type ServerProcess } from '../test-support/server-process.js';
import { createClient, createTestClock } from '../test-support/test-app.js';

describe('readiness means "can serve writes"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-ready-'));
  const servers: ServerProcess[] = [];
  afterAll(() => {
    for (const server of servers) server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with the reason, and writes 503 rather than 500, when the database is read-only', async () => {
    const filename = join(dir, 'read-only.db');
    const setup = createSqliteStore({ filename });
    const deps = {
      bus: createMemoryBus(),
      clock: createTestClock(),
      logger: createSilentLogger(),
      random: (b: Uint8Array) => crypto.getRandomValues(b),
    };
    const { adminKey } = await bootstrap({ ...deps, store: setup });
    await setup.close();
    if (adminKey.source !== 'generated') throw new Error('expected a generated admin key');

    const store = createSqliteStore({ filename, pragmas: { query_only: 1 } });
    const app = createApp({ ...deps, store });
    const client = createClient(app, adminKey.secret);
    try {
      const ready = await client.get('/health/ready', null);
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('read-only') });
      const write = await client.post('/api/v1/flags', { key: 'new-checkout' });
      expect(write.status).toBe(503);
      expect(write.json.error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('read-only') });
      expect((await client.get('/api/v1/flags')).status).toBe(200);
    } finally {
      await store.close();
    }
  });

  it('refuses to start a second server on the same SQLite file, saying another process holds it', async () => {
    const env = { DATABASE_URL: `file:${join(dir, 'shared.db')}` };
    servers.push(await startServerProcess(env));
    await expect(startServerProcess(env)).rejects.toThrow(/another process holds .*shared\.db/);
  });
});
