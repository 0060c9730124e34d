import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The server's built entry point, as `rampart-server` runs it. */
const SERVER_MAIN = join(
  dirname(createRequire(import.meta.url).resolve('@rampart/server/package.json')),
  'dist/main.js',
);

export interface RunningServer {
  url: string;
  /** The first admin key's secret. */
  adminToken: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * A real server process on an ephemeral port over its own SQLite file, with a known admin key;
 * resolves once it listens.
 *
 * @example
 * const server = await startServer();
 */
export function startServer(env: Record<string, string> = {}, timeoutMs = 20_000): Promise<RunningServer> {
  const directory = mkdtempSync(join(tmpdir(), 'rampart-cli-test-'));
  const adminToken = `rpa_${randomBytes(24).toString('hex')}`;
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: `file:${join(directory, 'rampart.db')}`,
      RAMPART_ADMIN_TOKEN: adminToken,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(directory, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.stderr?.resume();
      resolve({ url: match[1], adminToken, child, stop });
    };
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening:\n${output}`));
    });
  });
}
