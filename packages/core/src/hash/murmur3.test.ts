import fc from 'fast-check';
import murmurhash from 'murmurhash';
import { describe, expect, it } from 'vitest';
import { hashWithPrefix, murmur3, prepareHash } from './murmur3';

const utf8 = new TextEncoder();

/** The reference: the murmurhash package fed the UTF-8 bytes that TextEncoder produces. */
function reference(input: string, seed: number): number {
  return murmurhash.v3(utf8.encode(input), seed);
}

describe('murmur3', () => {
  it('matches the published MurmurHash3 x86_32 values', () => {
    expect(murmur3('', 0)).toBe(0);
    expect(murmur3('', 1)).toBe(0x514e28b7);
    expect(murmur3('Hello, world!', 1234)).toBe(0xfaf6cdb3);
    expect(murmur3('The quick brown fox jumps over the lazy dog', 0)).toBe(0x2e4ff723);
  });

  it('hashes the UTF-8 bytes of any string, as the reference does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 0, max: 0xffffffff }), (input, seed) => {
        expect(murmur3(input, seed)).toBe(reference(input, seed));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads lone surrogates as U+FFFD', () => {
    expect(murmur3('a\ud800b', 0)).toBe(murmur3('a\ufffdb', 0));
    expect(murmur3('\udc00', 0)).toBe(murmur3('\ufffd', 0));
    expect(murmur3('x\ud83d', 0)).toBe(reference('x\ud83d', 0));
  });

  it('hashes a prefix and a rest as their concatenation', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (prefix, rest) => {
        expect(hashWithPrefix(prepareHash(prefix, 7), rest)).toBe(reference(prefix + rest, 7));
      }),
      { numRuns: 1000 },
    );
  });
});
