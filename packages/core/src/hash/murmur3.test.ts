import fc from 'fast-check';
import murmurhash from 'murmurhash';
import { describe, expect, it } from 'vitest';
import { hashWithPrefix, murmur3, prepareHash } from './murmur3';

const utf8 = new TextEncoder();

/** The reference: the murmurhash package fed the UTF-8 bytes that TextEncoder produces. */
function reference(input: string, seed: number): number {
  return murmurhash.v3(utf8.encode(input), seed);
}

/**
 * Any code point, each UTF-8 length equally likely, lone surrogates included. Cheap to build:
 * `fc.string({ unit: 'binary' })` spends about a second building its tables on first use, which
 * once took this test past its timeout while other packages' tests shared the machine.
 */
const codePoint = fc
  .oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0x7ff }),
    fc.integer({ min: 0x800, max: 0xffff }),
    fc.integer({ min: 0x10000, max: 0x10ffff }),
  )
  .map((code) => String.fromCodePoint(code));
const anyString = fc.array(codePoint, { maxLength: 40 }).map((units) => units.join(''));

describe('murmur3', () => {
  it('matches the published MurmurHash3 x86_32 values', () => {
    expect(murmur3('', 0)).toBe(0);
    expect(murmur3('', 1)).toBe(0x514e28b7);
    expect(murmur3('Hello, world!', 1234)).toBe(0xfaf6cdb3);
    expect(murmur3('The quick brown fox jumps over the lazy dog', 0)).toBe(0x2e4ff723);
  });

  it('hashes the UTF-8 bytes of any string, as the reference does', () => {
    // A boolean property: an expect() per run would cost more than the hashing. fast-check
    // reports the failing input.
    fc.assert(
      fc.property(
        anyString,
        fc.integer({ min: 0, max: 0xffffffff }),
        (input, seed) => murmur3(input, seed) === reference(input, seed),
      ),
      { numRuns: 1000 },
    );
  });

  it('reads lone surrogates as U+FFFD', () => {
    expect(murmur3('a\ud800b', 0)).toBe(murmur3('a\ufffdb', 0));
    expect(murmur3('\udc00', 0)).toBe(murmur3('\ufffd', 0));
    expect(murmur3('x\ud83d', 0)).toBe(reference('x\ud83d', 0));
  });

  it('hashes a prefix and a rest as their concatenation', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        (prefix, rest) => hashWithPrefix(prepareHash(prefix, 7), rest) === reference(prefix + rest, 7),
      ),
      { numRuns: 1000 },
    );
  });
});
