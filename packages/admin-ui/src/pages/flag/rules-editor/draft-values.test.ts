import { describe, expect, it } from 'vitest';
import { chainOf, chainText, parsePercentage, parseValue, parseWeight, valueText } from './draft-values.js';

describe('percentages', () => {
  it('accepts 0 to 100 in 0.001 % steps', () => {
    expect(parsePercentage('0')).toEqual({ value: 0 });
    expect(parsePercentage('12.345')).toEqual({ value: 12.345 });
    expect(parsePercentage('100')).toEqual({ value: 100 });
  });

  it('refuses what the server refuses, saying why', () => {
    expect(parsePercentage('12.3456').problem).toMatch(/three decimals/);
    expect(parsePercentage('101').problem).toBe('must be from 0 to 100');
    expect(parsePercentage('-1').problem).toBe('must be from 0 to 100');
    expect(parsePercentage('').problem).toMatch(/enter a percentage/);
    expect(parsePercentage('half').problem).toBe('must be from 0 to 100');
  });
});

describe('weights', () => {
  it('takes whole numbers only', () => {
    expect(parseWeight('333')).toEqual({ value: 333 });
    expect(parseWeight('1.5').problem).toBeDefined();
    expect(parseWeight('').problem).toBeDefined();
    expect(parseWeight('-1').problem).toBeDefined();
  });
});

describe('unit chains', () => {
  it('reads a comma-separated list, blank as the default', () => {
    expect(chainOf('userId, sessionId,$random')).toEqual(['userId', 'sessionId', '$random']);
    expect(chainOf('  ')).toBeUndefined();
    expect(chainText(['userId', '$random'])).toBe('userId, $random');
    expect(chainText(undefined)).toBe('');
  });
});

describe('variant values', () => {
  it('carries none for boolean flags', () => {
    expect(valueText(true, 'boolean')).toBeNull();
    expect(parseValue('x', 'boolean')).toEqual({ value: undefined });
  });

  it('keeps a string as typed, an empty one included, and no value as none', () => {
    expect(parseValue('', 'string')).toEqual({ value: '' });
    expect(parseValue(null, 'string')).toEqual({ value: undefined });
    expect(valueText(undefined, 'string')).toBeNull();
  });

  it('reads numbers and refuses what is not one', () => {
    expect(parseValue('2.5', 'number')).toEqual({ value: 2.5 });
    expect(parseValue('two', 'number')).toEqual({ problem: 'enter a number' });
    expect(parseValue(' ', 'number')).toEqual({ value: undefined });
    expect(valueText(2.5, 'number')).toBe('2.5');
  });

  it('parses JSON, saying where it is invalid', () => {
    expect(parseValue('{"limit": 3}', 'json')).toEqual({ value: { limit: 3 } });
    expect(parseValue('null', 'json')).toEqual({ value: null });
    expect(parseValue('{limit: 3}', 'json').problem).toMatch(/^is not valid JSON: /);
  });

  it('shows what it parses', () => {
    const value = { colours: ['blue', 'green'], limit: 3 };
    expect(parseValue(valueText(value, 'json'), 'json')).toEqual({ value });
  });
});
