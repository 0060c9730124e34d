import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from './base/logger.js';
import { cryptoRandom } from './base/random.js';
import { RECOVERY_ACTOR, recoverAdminKey } from './recover-admin-key.js';
import { startServerProcess, type ServerProcess } from './test-support/server-process.js';
import { createClient, createTestApp, createTestClock, type TestApp } from './test-support/test-app.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('recovering a lost admin key', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('creates an admin key that works at once, audited, with only its hash stored', async () => {
    t = await createTestApp();
    const deps = {
      store: t.store,
      bus: t.bus,
      clock: createTestClock(),
      logger: createSilentLogger(),
      random: cryptoRandom,
    };
    const { record, secret } = await recoverAdminKey(deps, 'alice (recovery)');
    expect(record).toMatchObject({ kind: 'admin', name: 'alice (recovery)', environment: null });

    const asRecovered = createClient(t.app, secret);
    expect((await asRecovered.post('/api/v1/flags', { key: 'after-recovery' })).status).toBe(201);
    const audit = await t.get('/api/v1/audit?limit=5');
    const entries = audit.json.entries as { action: string; actor: string; target: string }[];
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'key.created', actor: RECOVERY_ACTOR, target: record.id }),
      ]),
    );
    expect(await t.fingerprint()).not.toContain(secret);
  });
});

describe('rampart-server create-admin-key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-recover-'));
  const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'rampart.db')}`, LOG_LEVEL: 'warn' };
  let server: ServerProcess | undefined;
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a key, once, that a server on the same database accepts', async () => {
    const run = promisify(execFile);
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', MAIN, 'create-admin-key', '--name', 'ops'],
      { env },
    );
    const secret = stdout.trim();
    expect(secret).toMatch(/^rpa_/);
    expect(stderr).toContain("Created admin key 'ops'");
    expect(stderr).not.toContain(secret);

    server = await startServerProcess({ DATABASE_URL: env.DATABASE_URL });
    const answer = await fetch(`${server.url}/api/v1/keys`, { headers: { authorization: `Bearer ${secret}` } });
    expect(answer.status).toBe(200);
  });

  it('refuses an unknown command with the usage', async () => {
    const run = promisify(execFile);
    await expect(run(process.execPath, ['--import', 'tsx', MAIN, 'create-admin-keys'], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Usage:'),
    });
  });
});
