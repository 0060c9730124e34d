import { describe, expect, it } from 'vitest';
import { formatDuration, fromNow } from './time.js';

describe('times for people', () => {
  it('writes durations in the two largest units that hold them', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(90)).toBe('1m30s');
    expect(formatDuration(600)).toBe('10m');
    expect(formatDuration(5_400)).toBe('1h30m');
    expect(formatDuration(90_061)).toBe('1d1h');
  });

  it('says how far a moment is from now, either way', () => {
    const now = Date.parse('2030-01-01T12:00:00Z');
    expect(fromNow('2030-01-01T12:04:00Z', now)).toBe('in 4m');
    expect(fromNow('2030-01-01T11:57:00Z', now)).toBe('3m ago');
    expect(fromNow('2030-01-01T12:00:00.400Z', now)).toBe('now');
  });
});
