import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_MAIN } from './cli.js';

export interface CliProcess {
  /** Every complete line printed so far, by stream. */
  readonly lines: { readonly stdout: readonly string[]; readonly stderr: readonly string[] };
  /**
   * The first line of `stream` (printed so far or later) that `match` accepts; rejects after
   * `timeoutMs` with everything printed, so a failure shows what the CLI said.
   */
  waitForLine(stream: 'stdout' | 'stderr', match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Sends `signal` and resolves with the exit code (null when a signal ended it). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * A long-running `rampart …` (`watch`, `audit --follow`) in a child process, talking to `url`
 * with `token`, whose output is read line by line while it runs.
 *
 * @example
 * const watch = startCli(server.url, server.adminToken, ['watch']);
 * await watch.waitForLine('stderr', (line) => line.startsWith('following'));
 */
export function startCli(
  url: string,
  token: string,
  args: readonly string[],
  env: Record<string, string> = {},
): CliProcess {
  const configPath = join(mkdtempSync(join(tmpdir(), 'rampart-cli-config-')), 'rampart', 'config.json');
  const child = spawn(process.execPath, [CLI_MAIN, ...args], {
    env: { ...process.env, RAMPART_CONFIG: configPath, RAMPART_URL: url, RAMPART_TOKEN: token, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const waiters = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (const stream of ['stdout', 'stderr'] as const) {
    let partial = '';
    child[stream].on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      lines[stream].push(...parts);
      for (const wake of waiters) wake();
    });
  }
  const printed = () => `stdout:\n${lines.stdout.join('\n')}\nstderr:\n${lines.stderr.join('\n')}`;
  return {
    lines,
    waitForLine: (stream, match, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const line = lines[stream].find(match);
          if (line === undefined) return;
          finish();
          resolve(line);
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no such line on ${stream} within ${timeoutMs} ms; the CLI printed\n${printed()}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    stop: (signal = 'SIGINT') => {
      child.kill(signal);
      return exited;
    },
  };
}
