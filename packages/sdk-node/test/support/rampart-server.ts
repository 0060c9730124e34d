/**
 * A real Rampart server for the SDK's tests: the built `@rampart/server` binary in a child
 * process, on its own SQLite file, that a test can kill (SIGKILL) and start again on the same
 * port and data. Nothing here imports the server's code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SERVER_MAIN = join(
  dirname(createRequire(import.meta.url).resolve('@rampart/server/package.json')),
  'dist',
  'main.js',
);
const ADMIN_TOKEN = 'sdk-tests-admin-token-0123456789abcdef';

export interface RampartServer {
  readonly url: string;
  readonly port: number;
  /** Calls the admin API and returns the JSON answer; throws on a non-2xx status. */
  admin(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<unknown>;
  /** A new server key for `environment`: `{ id, secret }`. */
  serverKey(environment?: string): Promise<{ id: string; secret: string }>;
  /** Kills the process without warning, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
  /** Kills it and removes its data. */
  dispose(): Promise<void>;
}

function launch(dataDir: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: `file:${join(dataDir, 'rampart.db')}`,
      RAMPART_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (listening) {
        child.stderr?.off('data', collect);
        child.stderr?.resume();
        resolve({ child, port: Number(listening[1]) });
      }
    };
    // The banner with the URL is on stderr; stdout carries the JSON log lines.
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', collect);
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
}

/**
 * Starts a server on a free port with a known admin token.
 *
 * @example
 * const server = await startRampart();
 * const { secret } = await server.serverKey('production');
 */
export async function startRampart(): Promise<RampartServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rampart-sdk-'));
  let running = await launch(dataDir, 0);
  const { port } = running;
  const url = `http://127.0.0.1:${port}`;

  async function admin(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<unknown> {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }

  async function kill(): Promise<void> {
    const { child } = running;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  return {
    url,
    port,
    admin,
    async serverKey(environment = 'production') {
      const created = await admin('POST', '/keys', { kind: 'server', environment, name: `sdk-test-${environment}` });
      const { id, secret } = created as { id: string; secret: string };
      return { id, secret };
    },
    kill,
    async restart() {
      await kill();
      running = await launch(dataDir, port);
    },
    async dispose() {
      await kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
