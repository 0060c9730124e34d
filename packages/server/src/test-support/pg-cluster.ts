import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';
import type { Service } from './services.js';

const run = promisify(execFile);

export interface PgCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  start(): Promise<void>;
  /** Stops at once, as a crash would: no checkpoint, recovery from the WAL on the next start. */
  crash(): Promise<void>;
  /** Stops the server and deletes its files. */
  destroy(): Promise<void>;
}

/**
 * Where `initdb` and `pg_ctl` are: `RAMPART_PG_BIN`, else the newest
 * `/usr/lib/postgresql/<version>/bin`, as Debian installs them.
 *
 * @example
 * const service = findPgBinaries();
 */
export function findPgBinaries(): Service & { bin?: string } {
  const candidates = process.env.RAMPART_PG_BIN === undefined ? debianBinDirs() : [process.env.RAMPART_PG_BIN];
  const bin = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  const url = 'initdb and pg_ctl';
  if (bin !== undefined) return { name: 'PostgreSQL', url, status: 'up', bin };
  const where = candidates.length > 0 ? candidates.join(', ') : '/usr/lib/postgresql/*/bin';
  const reason = `PostgreSQL's initdb and pg_ctl are not found in ${where}: install the server, set RAMPART_PG_BIN, or set RAMPART_SKIP_SERVICES=1 to skip these tests`;
  return { name: 'PostgreSQL', url, status: process.env.RAMPART_SKIP_SERVICES === '1' ? 'skipped' : 'down', reason };
}

/**
 * Creates and starts a throwaway PostgreSQL cluster in a temporary folder, on a free port of
 * its own, so that a test may stop and start it without touching any other server. When
 * the tests run as root, the cluster runs as the `postgres` user (PostgreSQL refuses root).
 *
 * @example
 * const cluster = await startPgCluster(bin);
 * await cluster.crash();
 * await cluster.start();
 * await cluster.destroy();
 */
export async function startPgCluster(bin: string): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-pg-'));
  const data = join(dir, 'data');
  const owner = clusterOwner();
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  const as = owner === undefined ? {} : { uid: owner.uid, gid: owner.gid };
  const port = await freePort();
  const pgCtl = (...args: string[]) => run(join(bin, 'pg_ctl'), ['-D', data, ...args], { ...as, timeout: 60_000 });

  await run(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'],
    { ...as, timeout: 60_000 },
  );
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=50`;
  const start = async () => {
    await pgCtl('-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start');
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    crash: async () => {
      await pgCtl('-m', 'immediate', '-w', 'stop');
    },
    destroy: async () => {
      await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function debianBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin'));
}

function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  // Node can only tell the current user, so the postgres account is looked up by name.
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find(([name]) => name === 'postgres');
  if (entry?.[2] === undefined || entry[3] === undefined)
    throw new Error('running as root, and there is no postgres user to run the test cluster as');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}
