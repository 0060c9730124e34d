/**
 * A real Rampart server for the demo and its test: the built `@rampart/server` binary in a
 * child process, on a temporary SQLite file, with a known admin token.
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
const ADMIN_TOKEN = 'guarded-release-demo-admin-token-0123456789';

export interface Rampart {
  url: string;
  /** Calls the admin API; throws on an answer that is not 2xx. */
  admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}

/**
 * Starts the server on a free port of 127.0.0.1.
 *
 * @example
 * const rampart = await startRampart();
 * await rampart.admin('POST', '/flags', { key: 'new-checkout' });
 */
export async function startRampart(): Promise<Rampart> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rampart-guarded-'));
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
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
    child.stdout.resume();
    child.stderr.on('data', collect);
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async admin(method, path, body) {
      const response = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const answer = recordOf(await response.json());
      if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(answer)}`);
      return answer;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
