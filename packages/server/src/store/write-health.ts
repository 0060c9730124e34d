/** How long a failed write keeps the store reported as unable to take writes, unless a write succeeds first. */
export const WRITE_FAILURE_MEMORY_MS = 30_000;

/** What the store remembers of its last writes, for readiness. */
export interface WriteHealth {
  /** A write failed because the database cannot take writes (read-only, full). */
  failed(reason: string): void;
  /** A write committed. */
  succeeded(): void;
  /** The reason of a failure in the last {@link WRITE_FAILURE_MEMORY_MS}, unless a write has succeeded since. */
  failure(): string | undefined;
}

/**
 * Remembers the last write that failed for want of a writable database. Some of those states
 * (a full disk) show only when something is written, which a health check should not do; so
 * readiness reports the failure for a while, and then lets the next write find out again.
 *
 * @example
 * const health = createWriteHealth();
 * health.failed('the disk is full');
 * health.failure(); // 'the disk is full'
 */
export function createWriteHealth(now: () => number = Date.now): WriteHealth {
  let last: { reason: string; at: number } | undefined;
  return {
    failed: (reason) => {
      last = { reason, at: now() };
    },
    succeeded: () => {
      last = undefined;
    },
    failure: () => (last !== undefined && now() - last.at < WRITE_FAILURE_MEMORY_MS ? last.reason : undefined),
  };
}
