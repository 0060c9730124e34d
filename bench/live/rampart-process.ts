/**
 * The built Rampart server (`packages/server/dist/main.js`) in a child process, on SQLite in
 * a temporary folder (or the `DATABASE_URL` given in `env`), with a known admin token.
 * Nothing here imports the server's code.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild, stopChild, waitForOutput } from './processes';

export const SERVER_MAIN = fileURLToPath(new URL('../../packages/server/dist/main.js', import.meta.url));
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghij';

export interface RampartProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Calls the admin API and returns the parsed JSON answer; throws on a non-2xx status. */
  admin(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<unknown>;
  /** Creates a key of `kind` for the production environment and returns the whole key. */
  createKey(kind: 'server' | 'client'): Promise<string>;
  stop(): Promise<void>;
}

export interface RampartOptions {
  /** Arguments for `node` before the script, such as `--expose-gc`. */
  readonly nodeArgs?: readonly string[];
  /** Variables that replace the defaults below, such as `DATABASE_URL`, `REDIS_URL` or `CONVERGENCE_MS`. */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startRampart({ nodeArgs = [], env = {} }: RampartOptions = {}): Promise<RampartProcess> {
  if (!existsSync(SERVER_MAIN))
    throw new Error(`${SERVER_MAIN} is missing: run npx turbo run build --filter=@rampart/server first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'rampart-bench-'));
  const child = startChild(process.execPath, [...nodeArgs, SERVER_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: `file:${join(dataDir, 'rampart.db')}`,
      RAMPART_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  let match: RegExpExecArray;
  try {
    match = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const url = match[1] ?? '';

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
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }

  return {
    url,
    child,
    admin,
    async createKey(kind) {
      const created = await admin('POST', '/keys', { kind, environment: 'production', name: `bench-${kind}` });
      const key = typeof created === 'object' && created !== null && 'secret' in created ? created.secret : undefined;
      if (typeof key !== 'string') throw new Error(`POST /keys answered no secret: ${JSON.stringify(created)}`);
      return key;
    },
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
