import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, sha256Hex } from './digest.js';

describe('digests', () => {
  it('hashes UTF-8 with SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('é')).not.toBe(await sha256Hex('e'));
  });

  it('compares equal strings as equal and any difference as different', () => {
    const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 70 });
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b);
        expect(constantTimeEqual(a, `${a}`)).toBe(true);
        expect(constantTimeEqual(a, `${a}0`)).toBe(false);
        expect(constantTimeEqual(`${a}\u0000`, a)).toBe(false);
      }),
    );
  });
});
