import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from './free-port.js';
import type { Service } from './services.js';

export interface RedisServer {
  url: string;
  port: number;
  /** Starts it again on the same port after `stop`. */
  start(): Promise<void>;
  /** Ends the process at once and waits for it to be gone. */
  stop(): Promise<void>;
}

const REDIS_SERVER = process.env.RAMPART_REDIS_SERVER ?? '/usr/bin/redis-server';

/**
 * Whether `redis-server` is installed, for tests that run a private one.
 *
 * @example
 * describeWithServices([findRedisServer()], 'Redis outage', () => { ... });
 */
export function findRedisServer(): Service {
  const url = REDIS_SERVER;
  if (existsSync(REDIS_SERVER)) return { name: 'Redis', url, status: 'up' };
  const reason = `redis-server is not found at ${REDIS_SERVER}: install it, set RAMPART_REDIS_SERVER, or set RAMPART_SKIP_SERVICES=1 to skip these tests`;
  return { name: 'Redis', url, status: process.env.RAMPART_SKIP_SERVICES === '1' ? 'skipped' : 'down', reason };
}

/**
 * Starts a private, memory-only Redis on a free loopback port, so that a test may stop it
 * without disturbing any other Redis on the machine.
 *
 * @example
 * const redis = await startRedisServer();
 * await redis.stop();
 * await redis.start();
 * await redis.stop();
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const started = spawn(
        REDIS_SERVER,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child = started;
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          started.stdout?.off('data', onData);
          started.stdout?.resume();
          resolve();
        }
      };
      started.stdout?.on('data', onData);
      started.stderr?.on('data', onData);
      started.once('exit', (code) =>
        reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)),
      );
    });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        const running = child;
        if (running === undefined || running.exitCode !== null || running.signalCode !== null) return resolve();
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      }),
  };
}
