import { describe, expect, it } from 'vitest';
import { dateTimeInputOf, isNumber, isoOfDateTimeInput, isSemver, linesOf, listValues } from './operand.js';

describe('list operands', () => {
  it('keeps empty lines while typing and drops blank ones when sent', () => {
    expect(linesOf('pro\n\nteam\n')).toEqual(['pro', '', 'team', '']);
    expect(listValues(['pro', '', '  ', 'team', ' spaced '])).toEqual(['pro', 'team', ' spaced ']);
  });
});

describe('date operands', () => {
  it('shows a date-time without an offset as UTC', () => {
    expect(dateTimeInputOf('2030-01-01T12:00:00')).toBe('2030-01-01T12:00');
    expect(dateTimeInputOf('2030-01-01T12:00:30Z')).toBe('2030-01-01T12:00:30');
  });

  it('converts an offset to UTC', () => {
    expect(dateTimeInputOf('2030-01-01T12:00:00+02:00')).toBe('2030-01-01T10:00');
    expect(dateTimeInputOf('2030-01-01T01:00-0130')).toBe('2030-01-01T02:30');
  });

  it('reads a bare date as midnight UTC, and fractions and lower-case separators as the model does', () => {
    expect(dateTimeInputOf('2030-01-01')).toBe('2030-01-01T00:00');
    expect(dateTimeInputOf('2030-01-01t12:00:00,5z')).toBe('2030-01-01T12:00');
  });

  it('refuses what the model refuses', () => {
    expect(dateTimeInputOf('2030-04-31')).toBeUndefined();
    expect(dateTimeInputOf('next tuesday')).toBeUndefined();
    expect(dateTimeInputOf('')).toBeUndefined();
  });

  it('stores an input value as ISO 8601 in UTC', () => {
    expect(isoOfDateTimeInput('2030-01-01T10:00')).toBe('2030-01-01T10:00:00Z');
    expect(isoOfDateTimeInput('2030-01-01T10:00:30')).toBe('2030-01-01T10:00:30Z');
    expect(isoOfDateTimeInput('')).toBe('');
  });

  it('shows what it stores', () => {
    expect(dateTimeInputOf(isoOfDateTimeInput('2030-06-15T08:45'))).toBe('2030-06-15T08:45');
  });
});

describe('version operands', () => {
  it('accepts strict SemVer 2.0 only', () => {
    expect(isSemver('1.4.0')).toBe(true);
    expect(isSemver('2.0.0-beta.1+build.5')).toBe(true);
    expect(isSemver('v1.4.0')).toBe(false);
    expect(isSemver('1.4')).toBe(false);
    expect(isSemver(' 1.4.0')).toBe(false);
    expect(isSemver('01.4.0')).toBe(false);
  });
});

describe('number operands', () => {
  it('reads numbers as JavaScript does, but not a blank', () => {
    expect(isNumber('1e3')).toBe(true);
    expect(isNumber('-2.5')).toBe(true);
    expect(isNumber('')).toBe(false);
    expect(isNumber('ten')).toBe(false);
  });
});
