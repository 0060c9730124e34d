import { describe, expect, it } from 'vitest';
import { ifNoneMatchHolds } from './if-none-match.js';

describe('If-None-Match', () => {
  it('matches the current tag, weakly, in a list, or as *', () => {
    expect(ifNoneMatchHolds('"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHolds('W/"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHolds('"x" , "abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHolds('*', '"abc"')).toBe(true);
  });

  it('does not match another tag, an unquoted one, or no header', () => {
    expect(ifNoneMatchHolds('"abd"', '"abc"')).toBe(false);
    expect(ifNoneMatchHolds('abc', '"abc"')).toBe(false);
    expect(ifNoneMatchHolds('', '"abc"')).toBe(false);
    expect(ifNoneMatchHolds(undefined, '"abc"')).toBe(false);
  });
});
