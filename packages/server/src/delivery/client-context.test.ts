import { describe, expect, it } from 'vitest';
import { RampartError } from '../base/errors.js';
import { parseContextParameter } from './client-context.js';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('the context parameter', () => {
  it('reads base64url JSON of flat attributes, with or without padding', () => {
    const context = { userId: 'ü-42', plan: 'pro', beta: true, seats: 3, gone: null };
    expect(parseContextParameter(encode(context))).toEqual(context);
    const padded = Buffer.from(JSON.stringify({ a: '12' })).toString('base64');
    expect(padded.endsWith('==')).toBe(true);
    expect(parseContextParameter(padded)).toEqual({ a: '12' });
    expect(parseContextParameter(undefined)).toEqual({});
    expect(parseContextParameter('')).toEqual({});
  });

  it('refuses anything else with a 400 that names the context or the attribute', () => {
    const refusal = (parameter: string) => {
      try {
        parseContextParameter(parameter);
      } catch (error) {
        return error instanceof RampartError ? [error.code, error.details?.[0]?.path] : ['not an RampartError'];
      }
      return ['accepted'];
    };
    expect(refusal('%%%')).toEqual(['validation_failed', 'context']);
    expect(refusal(Buffer.from('{not json').toString('base64url'))).toEqual(['validation_failed', 'context']);
    expect(refusal(encode([1]))).toEqual(['validation_failed', 'context']);
    expect(refusal(encode('text'))).toEqual(['validation_failed', 'context']);
    expect(refusal(encode({ address: { city: 'x' } }))).toEqual(['validation_failed', 'context.address']);
    expect(refusal(Buffer.from([0xff, 0xfe]).toString('base64url'))).toEqual(['validation_failed', 'context']);
  });
});
