import { describe, expect, it } from 'vitest';
import { formatTime } from './format-time.js';

describe('formatTime', () => {
  it('shows the date and the time to the minute', () => {
    expect(formatTime('2030-01-01T12:34:56.000Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('1 Jan 2030, 12:34');
  });

  it('shows the time in the given zone', () => {
    expect(formatTime('2030-01-01T23:30:00.000Z', { locale: 'en-GB', timeZone: 'Europe/Paris' })).toBe(
      '2 Jan 2030, 00:30',
    );
  });

  it('returns text that is not a date as it is', () => {
    expect(formatTime('soon')).toBe('soon');
  });
});
