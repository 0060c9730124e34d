import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('10m')).toBe(600);
    expect(parseDuration('2h')).toBe(7_200);
    expect(parseDuration('1d')).toBe(86_400);
    expect(parseDuration('0s')).toBe(0);
  });

  it('adds combined units, in any case and with spaces', () => {
    expect(parseDuration('1h30m')).toBe(5_400);
    expect(parseDuration(' 1H 30M ')).toBe(5_400);
  });

  it('refuses a bare number, an unknown unit and empty text', () => {
    expect(parseDuration('10')).toBeUndefined();
    expect(parseDuration('10w')).toBeUndefined();
    expect(parseDuration('m')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
    expect(parseDuration('-5m')).toBeUndefined();
    expect(parseDuration('1.5h')).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('says a duration in its two largest units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(90)).toBe('1 min 30 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(5_400)).toBe('1 h 30 min');
    expect(formatDuration(90_061)).toBe('1 d 1 h');
  });

  it('reads back what it was given as text', () => {
    for (const text of ['90s', '10m', '2h', '1d']) expect(parseDuration(text)).toBeGreaterThan(0);
  });
});
