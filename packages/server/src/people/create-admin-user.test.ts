import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../test-support/server-process.js';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

describe('rampart-server create-admin-user', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-admin-user-'));
  const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'rampart.db')}`, LOG_LEVEL: 'warn' };
  let server: ServerProcess | undefined;
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds an admin beside the database and prints the invitation, with which they set a password and sign in', async () => {
    const run = promisify(execFile);
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', MAIN, 'create-admin-user', '--email', 'Root@Example.com', '--name', 'Root'],
      { env },
    );
    expect(stderr).toMatch(/^Created admin root@example\.com \(id [a-z2-7]{16}\)/);
    const token = /\/api\/v1\/invitations\/(rpi_[A-Za-z0-9_-]{43}) /.exec(stdout)?.[1];
    expect(token).toBeDefined();
    expect(stdout.split('\n')[0]).toBe(`http://127.0.0.1:4000/invitation#${token ?? ''}`);
    expect(stderr).not.toContain(token);

    server = await startServerProcess({ DATABASE_URL: env.DATABASE_URL });
    const json = { 'content-type': 'application/json' };
    const accepted = await fetch(`${server.url}/api/v1/invitations/${token ?? ''}`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ password: 'correct horse battery staple' }),
    });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const signedIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'root@example.com', password: 'correct horse battery staple' }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = /rampart_session=[^;]+/.exec(signedIn.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ kind: 'person', name: 'root@example.com', role: 'admin' });
  }, 30_000);

  it('asks for the email', async () => {
    const run = promisify(execFile);
    await expect(run(process.execPath, ['--import', 'tsx', MAIN, 'create-admin-user'], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('create-admin-user --email EMAIL'),
    });
  });
});
