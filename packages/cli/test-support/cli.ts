import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI as users run it: the built bin. */
export const CLI_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for `--json` runs). */
  json: unknown;
}

export interface CliRunner {
  (args: readonly string[], options?: { input?: string; env?: Record<string, string | undefined> }): Promise<CliResult>;
  /** The profiles file this runner's CLI reads and writes. */
  readonly configPath: string;
}

/**
 * Runs `rampart …` in a child process with its own profiles file, talking to `url` with `token`
 * (as RAMPART_URL and RAMPART_TOKEN) unless a run's `env` says otherwise.
 *
 * @example
 * const rampart = cliFor(server.url, server.adminToken);
 * const { code, json } = await rampart(['flags', 'list', '--json']);
 */
export function cliFor(url: string | undefined, token: string | undefined): CliRunner {
  const configPath = join(mkdtempSync(join(tmpdir(), 'rampart-cli-config-')), 'rampart', 'config.json');
  const runner = (
    args: readonly string[],
    options: { input?: string; env?: Record<string, string | undefined> } = {},
  ) =>
    new Promise<CliResult>((resolve, reject) => {
      const merged: Record<string, string | undefined> = {
        ...process.env,
        RAMPART_CONFIG: configPath,
        RAMPART_URL: url,
        RAMPART_TOKEN: token,
        NO_COLOR: '1',
        ...options.env,
      };
      const env = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
      const child = spawn(process.execPath, [CLI_MAIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdin.end(options.input ?? '');
      child.once('error', reject);
      child.once('close', (code) => {
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        resolve({ code: code ?? -1, stdout, stderr, json });
      });
    });
  return Object.assign(runner, { configPath });
}
