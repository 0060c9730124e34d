import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { parseContext } from './context.js';

describe('--context', () => {
  it('reads booleans, numbers that read back the same, and strings', () => {
    expect(parseContext(['userId=42', 'plan=pro', 'beta=true', 'trial=false', 'score=-1.5'])).toEqual({
      userId: 42,
      plan: 'pro',
      beta: true,
      trial: false,
      score: -1.5,
    });
    expect(parseContext(['zip=007', 'version=1.0', 'big=1e21', 'nan=NaN', 'inf=Infinity', 'True=TRUE'])).toEqual({
      zip: '007',
      version: '1.0',
      big: '1e21',
      nan: 'NaN',
      inf: 'Infinity',
      True: 'TRUE',
    });
  });

  it('takes key= as the empty string, keeps = in values, and lets a later pair win', () => {
    expect(parseContext(['userId=', 'query=a=b', 'plan=free', 'plan=pro'])).toEqual({
      userId: '',
      query: 'a=b',
      plan: 'pro',
    });
  });

  it('refuses a pair without a key or an =, naming it', () => {
    for (const bad of ['userId', '=42', '']) {
      expect(() => parseContext([bad])).toThrow(CliError);
      expect(() => parseContext([bad])).toThrow(`--context: '${bad}' is not key=value`);
    }
  });
});
