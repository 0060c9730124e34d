import { describe, expect, it } from 'vitest';
import { changeRows, groupChanges } from './change-log.js';

describe('change log', () => {
  it('records each changed flag and segment once', () => {
    expect(changeRows('production', 3, { flags: ['a', 'b', 'a'], segments: ['beta'] })).toEqual([
      { environment: 'production', version: 3, kind: 'flag', key: 'a' },
      { environment: 'production', version: 3, kind: 'flag', key: 'b' },
      { environment: 'production', version: 3, kind: 'segment', key: 'beta' },
    ]);
    expect(changeRows('production', 4, {})).toEqual([]);
  });

  it('groups rows into one record per version, in the order read', () => {
    const rows = [
      ...changeRows('production', 1, { flags: ['a'], segments: ['beta'] }),
      ...changeRows('production', 2, { flags: ['b'] }),
    ];
    expect(groupChanges(rows)).toEqual([
      { version: 1, flags: ['a'], segments: ['beta'] },
      { version: 2, flags: ['b'], segments: [] },
    ]);
  });
});
