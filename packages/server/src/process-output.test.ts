import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './test-support/server-process.js';

const TOKEN = 'process-output-test-admin-token-0123';

describe("the server process's output", () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-output-'));
  let server: ServerProcess | undefined;
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes only JSON lines to stdout, each request with its id and actor', async () => {
    server = await startServerProcess({
      DATABASE_URL: `file:${join(dir, 'rampart.db')}`,
      RAMPART_ADMIN_TOKEN: TOKEN,
      LOG_LEVEL: 'info',
    });
    const answer = await fetch(`${server.url}/api/v1/flags`, {
      headers: { authorization: `Bearer ${TOKEN}`, 'x-request-id': 'from-the-proxy-1' },
    });
    expect(answer.headers.get('x-request-id')).toBe('from-the-proxy-1');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const lines = server.stdout
      .join('')
      .split('\n')
      .filter((line) => line !== '');
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((event) => event.msg)).toEqual(expect.arrayContaining(['listening', 'request', 'stopped']));
    expect(events.find((event) => event.msg === 'request')).toMatchObject({
      requestId: 'from-the-proxy-1',
      actor: 'admin (RAMPART_ADMIN_TOKEN)',
      route: '/api/v1/flags',
      status: 200,
    });
    expect(lines.join('\n')).not.toContain(TOKEN);
  });
});
