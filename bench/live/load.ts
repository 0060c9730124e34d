/**
 * One load case with autocannon, run as its own process (its CLI with `--json`), so that the
 * load generator shares neither heap nor event loop with the driver.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon');

export interface LoadCase {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  /** responses by status class, e.g. `{ '2xx': 1200, '3xx': 0 }` */
  readonly statuses: Record<string, number>;
  readonly errors: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function field(value: unknown, ...path: string[]): number {
  let at = value;
  for (const name of path) at = isRecord(at) ? at[name] : undefined;
  return typeof at === 'number' ? at : Number.NaN;
}

/** Runs autocannon against `load` for `seconds` with `connections` and reads its JSON result. */
export function runLoad(
  load: LoadCase,
  { connections, seconds }: { connections: number; seconds: number },
): Promise<LoadResult> {
  const args = [AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds), '-m', load.method ?? 'GET'];
  for (const [name, value] of Object.entries(load.headers)) args.push('-H', `${name}=${value}`);
  if (load.body !== undefined) args.push('-b', load.body);
  args.push(load.url);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { timeout: (seconds + 30) * 1000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          reject(error);
          return;
        }
        const json: unknown = JSON.parse(stdout);
        const statuses: Record<string, number> = {};
        for (const status of ['1xx', '2xx', '3xx', '4xx', '5xx']) statuses[status] = field(json, status);
        resolve({
          requestsPerSecond: field(json, 'requests', 'average'),
          latencyP50: field(json, 'latency', 'p50'),
          latencyP99: field(json, 'latency', 'p99'),
          statuses,
          errors: field(json, 'errors') + field(json, 'timeouts'),
        });
      },
    );
  });
}
