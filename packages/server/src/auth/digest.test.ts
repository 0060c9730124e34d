import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, fromHex, sha256Hex } from './digest.js';

describe('digests', () => {
  it('hashes UTF-8 with SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('é')).not.toBe(await sha256Hex('e'));
  });

  it('compares equal arrays as equal and any difference as different', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a.length === b.length && a.every((byte, i) => byte === b[i]));
        expect(constantTimeEqual(a, Uint8Array.from(a))).toBe(true);
      }),
    );
  });

  it('reads hex back into bytes and damaged hex as zeros', () => {
    expect([...fromHex('00ff10')]).toEqual([0, 255, 16]);
    expect([...fromHex('zz01')]).toEqual([0, 1]);
  });
});
