/**
 * unleash-server as the benchmark's peer, installed on demand outside the repository (it is
 * large, and it needs Node 22: the `node` package from the registry ships that binary, which
 * runs unleash-server only). Its database is `rampart_bench_unleash` on the local PostgreSQL,
 * dropped and created anew on each start.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, stopChild } from './processes';

const UNLEASH_VERSION = '7.5.1';
const NODE_VERSION = '22.23.3';
const DATABASE = 'rampart_bench_unleash';
const PG = ['-h', '127.0.0.1', '-p', '5432', '-U', 'postgres', '-v', 'ON_ERROR_STOP=1'];

export const UNLEASH_TOKENS = {
  admin: '*:*.rampart-bench-admin-secret',
  backend: 'default:production.rampart-bench-backend-secret',
  frontend: 'default:production.rampart-bench-frontend-secret',
} as const;

export interface UnleashPeer {
  readonly url: string;
  readonly version: string;
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export function peerDir(): string {
  return join(tmpdir(), 'rampart-bench-peers', 'unleash');
}

/** Installs unleash-server and Node 22 into the cache folder unless they are there already. */
export function installUnleash(dir = peerDir()): void {
  const ready =
    existsSync(join(dir, 'node_modules', 'unleash-server', 'package.json')) &&
    existsSync(join(dir, 'node_modules', 'node', 'bin', 'node'));
  if (ready) return;
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`installing unleash-server ${UNLEASH_VERSION} and Node ${NODE_VERSION} into ${dir} (once)…\n`);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `unleash-server@${UNLEASH_VERSION}`,
      `node@${NODE_VERSION}`,
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    },
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`unleash-server exited (${child.exitCode}) while starting`);
    const status = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`unleash-server was not healthy within ${timeoutMs / 1000} s`);
}

export async function startUnleash(dir = peerDir()): Promise<UnleashPeer> {
  installUnleash(dir);
  execFileSync(
    'psql',
    [...PG, '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${DATABASE}`, '-c', `CREATE DATABASE ${DATABASE}`],
    { stdio: 'ignore', timeout: 30_000 },
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const nodeBinary = join(dir, 'node_modules', 'node', 'bin', 'node');
  const child = startChild(nodeBinary, [join(dir, 'node_modules', 'unleash-server', 'dist', 'server.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DATABASE}`,
      DATABASE_SSL: 'false',
      HTTP_HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'error',
      INIT_ADMIN_API_TOKENS: UNLEASH_TOKENS.admin,
      INIT_BACKEND_API_TOKENS: UNLEASH_TOKENS.backend,
      INIT_FRONTEND_API_TOKENS: UNLEASH_TOKENS.frontend,
      // no outgoing version checks or telemetry: this machine reaches nothing but loopback
      CHECK_VERSION: 'false',
      SEND_TELEMETRY: 'false',
      SCARF_ANALYTICS: 'false',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.resume();
  try {
    await waitHealthy(url, child, 90_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const manifest: unknown = JSON.parse(
    readFileSync(join(dir, 'node_modules', 'unleash-server', 'package.json'), 'utf8'),
  );
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string'
      ? manifest.version
      : '?';

  return {
    url,
    version,
    async admin(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: UNLEASH_TOKENS.admin, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`Unleash ${method} ${path} answered ${response.status}: ${text}`);
      return text === '' ? undefined : JSON.parse(text);
    },
    async stop() {
      await stopChild(child, 10_000);
      execFileSync('psql', [...PG, '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`], {
        stdio: 'ignore',
        timeout: 30_000,
      });
    },
  };
}
