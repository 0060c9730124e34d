export interface BackoffOptions {
  /** The first delay's ceiling; doubles after each failure. Default 1 000 ms. */
  initialDelayMs?: number;
  /** The ceiling's ceiling. Default 30 000 ms. */
  maxDelayMs?: number;
  /** A connection that stayed up this long resets the backoff. Default 60 000 ms. */
  healthyAfterMs?: number;
}

/**
 * Exponential backoff with full jitter: each delay is drawn uniformly from 0 to a ceiling that
 * doubles per failure, so thousands of SDKs cut off at once do not come back at once.
 *
 * @example
 * const backoff = createBackoff({ random: Math.random });
 * setTimeout(reconnect, backoff.next());
 */
export function createBackoff({
  initialDelayMs = 1_000,
  maxDelayMs = 30_000,
  random,
}: BackoffOptions & { random: () => number }) {
  let failures = 0;
  return {
    /** The delay before the next attempt, counting this failure. */
    next(): number {
      const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** failures);
      failures = Math.min(failures + 1, 30);
      return Math.floor(random() * ceiling);
    },
    reset(): void {
      failures = 0;
    },
  };
}
