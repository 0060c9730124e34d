import { execFileSync } from 'node:child_process';

/** This process's soft limit on open files (children inherit it). */
export function openFileLimit(): number {
  return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
}

/**
 * Throws, saying what to do, when `streams` connections would not fit under the limit: the
 * client process holds one descriptor per stream, and so does the server.
 */
export function requireFileLimit(streams: number): void {
  const limit = openFileLimit();
  if (streams + 256 > limit) {
    throw new Error(
      `${streams} streams need about ${streams + 256} open files per process, but 'ulimit -n' is ${limit}: raise it (ulimit -n 65536, up to the hard limit 'ulimit -Hn') and run again`,
    );
  }
}
