import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATOR_COMPILERS } from '../operators';
import { CALL, inlineHolds, inlineTestOf } from './inline-test';

const INLINE_OPERATORS = ['in', 'not_in', 'str_ends_with', 'str_starts_with', 'str_contains'] as const;

describe('inline operand tests', () => {
  it('answer exactly as the operator table does, for every value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INLINE_OPERATORS),
        fc.array(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        fc.string({ maxLength: 6 }),
        (operator, values, value) => {
          const inline = inlineTestOf(operator, values, false);
          if (inline.kind === CALL) return;
          expect(inlineHolds(inline, value)).toBe(OPERATOR_COMPILERS[operator](values, false).test(value));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('covers membership and single-operand string tests, and leaves the rest to their closures', () => {
    expect(inlineTestOf('in', ['a', 'b'], false).kind).not.toBe(CALL);
    expect(inlineTestOf('str_ends_with', ['@x.com'], false).kind).not.toBe(CALL);
    expect(inlineTestOf('str_ends_with', ['@x.com', '@y.com'], false).kind).toBe(CALL);
    expect(inlineTestOf('in', ['a'], true).kind).toBe(CALL);
    expect(inlineTestOf('regex', ['a'], false).kind).toBe(CALL);
  });
});
