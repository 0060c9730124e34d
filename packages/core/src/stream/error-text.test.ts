import { describe, expect, it } from 'vitest';
import { describeCause, redactKey } from './error-text';

describe('redactKey', () => {
  it('hides the value of every key query parameter and leaves the rest of the URL', () => {
    expect(redactKey('https://flags.example/api/v1/client/stream?context=e30&key=rpc_secret')).toBe(
      'https://flags.example/api/v1/client/stream?context=e30&key=***',
    );
    expect(redactKey('http://h/s?key=rpc_a&b=1&key=rpc_b#top')).toBe('http://h/s?key=***&b=1&key=***#top');
  });

  it('leaves URLs without a key parameter, and parameters that only end in key, as they are', () => {
    for (const url of ['http://127.0.0.1:4000/api/v1/sdk/stream', 'http://h/s?monkey=1&keys=2', 'http://h/key=1']) {
      expect(redactKey(url)).toBe(url);
    }
  });
});

describe('describeCause', () => {
  it("follows Node fetch's cause to the reason the connection failed", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4000'), { code: 'ECONNREFUSED' });
    expect(describeCause(new TypeError('fetch failed', { cause: refused }))).toBe(
      'fetch failed: connect ECONNREFUSED 127.0.0.1:4000',
    );
  });

  it('names an error without a message by its code', () => {
    const both = Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' });
    expect(describeCause(new TypeError('fetch failed', { cause: both }))).toBe('fetch failed: ECONNREFUSED');
  });

  it('describes what is not an error, and stops on a chain that loops', () => {
    expect(describeCause('timeout')).toBe('timeout');
    const loop = new Error('a');
    loop.cause = loop;
    expect(describeCause(loop)).toBe('a: a: a: a');
  });
});
