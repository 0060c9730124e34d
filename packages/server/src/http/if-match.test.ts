import { describe, expect, it } from 'vitest';
import { etagOf, ifMatchHolds } from './if-match.js';

describe('If-Match', () => {
  it('matches the quoted current version, a list containing it, or *', () => {
    expect(ifMatchHolds(etagOf(3), 3)).toBe(true);
    expect(ifMatchHolds('"1", "3"', 3)).toBe(true);
    expect(ifMatchHolds('*', 3)).toBe(true);
  });

  it('takes the bare current version as its tag', () => {
    expect(ifMatchHolds('3', 3)).toBe(true);
    expect(ifMatchHolds('1, 3', 3)).toBe(true);
  });

  it('refuses other versions, weak tags and malformed tags', () => {
    for (const header of ['"2"', '2', 'W/"3"', 'W/3', '', '"3 "', '"03"', '03', '3.0']) {
      expect(ifMatchHolds(header, 3)).toBe(false);
    }
  });
});
