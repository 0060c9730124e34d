import { createSeededRandom } from '@rampart/core/testing';
import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAt, RETRY_DELAYS_SECONDS } from './retry-schedule.js';

describe('the retry schedule', () => {
  const now = new Date('2030-01-01T00:00:00.000Z');
  const random = (value: number) => (bytes: Uint8Array) => bytes.fill(value);

  it('waits each delay of the schedule, spread from 80 % to 120 %, and then gives up', () => {
    RETRY_DELAYS_SECONDS.forEach((delay, index) => {
      const earliest = nextAttemptAt(index + 1, now, random(0));
      const latest = nextAttemptAt(index + 1, now, random(255));
      expect(earliest?.getTime()).toBe(now.getTime() + Math.round(delay * 1000 * 0.8));
      expect(latest?.getTime()).toBe(now.getTime() + Math.round(delay * 1000 * 1.2));
    });
    expect(nextAttemptAt(MAX_ATTEMPTS, now, random(128))).toBeUndefined();
    expect(MAX_ATTEMPTS).toBe(10);
  });

  it('spreads the deliveries of one outage over the whole window', () => {
    const next = createSeededRandom(7);
    const seeded = (bytes: Uint8Array) => bytes.map(() => Math.floor(next() * 256));
    const waits = Array.from({ length: 200 }, () => (nextAttemptAt(1, now, seeded)?.getTime() ?? 0) - now.getTime());
    expect(Math.min(...waits)).toBeLessThan(4_200);
    expect(Math.max(...waits)).toBeGreaterThan(5_800);
    expect(new Set(waits).size).toBeGreaterThan(100);
  });
});
