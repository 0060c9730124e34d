import { describe, expect, it } from 'vitest';
import { flagOf, snapshotOf } from '../test-support/snapshot';
import { applyPatch, type SnapshotPatch } from './patch';

const base = { ...snapshotOf([flagOf('a'), flagOf('b')], [{ key: 's', conditions: [] }]), version: 5 };
const empty: SnapshotPatch = { version: 6, flags: [], deletedFlags: [], segments: [], deletedSegments: [] };

describe('applyPatch', () => {
  it('replaces and adds flags and segments by key, removes deleted ones, and advances the version', () => {
    const next = applyPatch(base, {
      ...empty,
      flags: [flagOf('b', { enabled: false }), flagOf('c')],
      deletedFlags: ['a'],
      segments: [{ key: 't', conditions: [] }],
      deletedSegments: ['s'],
    });
    expect(next.version).toBe(6);
    expect(next.flags.map((flag) => [flag.key, flag.enabled])).toEqual([
      ['b', false],
      ['c', true],
    ]);
    expect(next.segments.map((segment) => segment.key)).toEqual(['t']);
  });

  it('ignores a patch it has already applied', () => {
    expect(applyPatch(base, { ...empty, version: 5, deletedFlags: ['a'] })).toBe(base);
    expect(applyPatch(base, { ...empty, version: 4, deletedFlags: ['a'] })).toBe(base);
  });

  it('leaves the original snapshot as it was', () => {
    const before = JSON.stringify(base);
    applyPatch(base, { ...empty, deletedFlags: ['a', 'b'] });
    expect(JSON.stringify(base)).toBe(before);
  });
});
