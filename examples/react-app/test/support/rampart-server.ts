/**
 * A real Rampart server for the end-to-end test: the built `@rampart/server` binary in a child
 * process on a temporary SQLite file, with a known admin token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SERVER_MAIN = join(
  dirname(createRequire(import.meta.url).resolve('@rampart/server/package.json')),
  'dist',
  'main.js',
);
const ADMIN_TOKEN = 'react-e2e-admin-token-0123456789abcdef';

/**
 * Starts the server on a free port; `admin` calls the admin API and throws on a non-2xx answer.
 *
 * @example
 * const rampart = await startRampart();
 * await rampart.admin('POST', '/flags', { key: 'new-checkout', clientSide: true });
 */
export async function startRampart() {
  const dataDir = mkdtempSync(join(tmpdir(), 'rampart-react-'));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: `file:${join(dataDir, 'rampart.db')}`,
      RAMPART_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (listening) {
        child.stderr.off('data', collect);
        child.stderr.resume();
        resolve(Number(listening[1]));
      }
    };
    // The banner with the URL is on stderr; stdout carries the JSON log lines.
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', collect);
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
  const url = `http://127.0.0.1:${port}`;

  async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }

  return {
    url,
    adminKey: ADMIN_TOKEN,
    admin,
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
