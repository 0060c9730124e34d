import { describe, expect, it } from 'vitest';
import { formatMoment, relativeTime } from './relative-time.js';

const NOW = Date.parse('2030-01-01T12:00:00Z');

describe('relativeTime', () => {
  it('says how far ahead or behind a moment is, in its largest unit', () => {
    expect(relativeTime('2030-01-01T12:04:10Z', NOW)).toBe('in 4 minutes');
    expect(relativeTime('2030-01-01T10:00:00Z', NOW)).toBe('2 hours ago');
    expect(relativeTime('2030-01-03T12:00:00Z', NOW)).toBe('in 2 days');
    expect(relativeTime('2030-01-01T12:00:30Z', NOW)).toBe('in 30 seconds');
  });

  it('calls a moment within a few seconds now, a due step included', () => {
    expect(relativeTime('2030-01-01T12:00:02Z', NOW)).toBe('now');
    expect(relativeTime('2030-01-01T11:59:58Z', NOW)).toBe('now');
  });

  it('gives back text that is not a date', () => {
    expect(relativeTime('soon', NOW)).toBe('soon');
  });
});

describe('formatMoment', () => {
  it('writes a moment to the second in the given zone', () => {
    expect(formatMoment('2030-01-01T12:00:03Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('1 Jan 2030, 12:00:03');
    expect(formatMoment('not a date')).toBe('not a date');
  });
});
