import { describe, expect, it } from 'vitest';
import { deliveryStatus, lastError } from './deliveries-rules.js';

const at = '2030-01-01T00:00:00.000Z';

describe('lastError', () => {
  it('has nothing to say before the first attempt', () => {
    expect(lastError({ attempts: [] })).toBeUndefined();
  });

  it("gives the sender's error of the latest attempt", () => {
    expect(
      lastError({
        attempts: [
          { at, durationMs: 3, status: 500 },
          { at, durationMs: 10_000, error: 'timed out after 10000 ms' },
        ],
      }),
    ).toBe('timed out after 10000 ms');
  });

  it("gives the receiver's status when it was not 2xx", () => {
    expect(lastError({ attempts: [{ at, durationMs: 12, status: 503 }] })).toBe('HTTP 503');
    expect(lastError({ attempts: [{ at, durationMs: 12, status: 302 }] })).toBe('HTTP 302');
  });

  it('has nothing to say once the latest attempt succeeded', () => {
    expect(
      lastError({
        attempts: [
          { at, durationMs: 3, status: 500 },
          { at, durationMs: 3, status: 204 },
        ],
      }),
    ).toBeUndefined();
  });
});

describe('deliveryStatus', () => {
  it('says each status in words', () => {
    expect(deliveryStatus({ status: 'pending' })).toBe('Pending');
    expect(deliveryStatus({ status: 'delivered' })).toBe('Delivered');
    expect(deliveryStatus({ status: 'failed' })).toBe('Failed');
  });
});
