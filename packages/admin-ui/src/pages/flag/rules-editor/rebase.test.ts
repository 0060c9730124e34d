import { describe, expect, it } from 'vitest';
import { draftOf, newRule } from './draft.js';
import { bothChanged, changedFields, rebaseDraft, sameValue } from './rebase.js';
import { configWith } from './config-fixture.js';

const read = draftOf(
  configWith({ rules: [{ id: 'r1', segments: [], conditions: [], rollout: { percentage: 5 } }] }),
  'string',
);

describe('comparing drafts', () => {
  it('ignores key order and absent keys', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: null }, {})).toBe(false);
  });

  it('names the fields a person changed', () => {
    expect(changedFields(read, read)).toEqual([]);
    expect(changedFields(read, { ...read, defaultVariant: 'a', rules: [...read.rules, newRule('new-1')] })).toEqual([
      'rules',
      'defaultVariant',
    ]);
  });
});

describe('redoing a person’s changes on top of a newer version', () => {
  const theirs = draftOf(
    configWith({
      rules: [{ id: 'r1', segments: [], conditions: [], rollout: { percentage: 25 } }],
      prerequisites: [{ flag: 'parent', enabled: true }],
    }),
    'string',
  );

  it('keeps what the other changed where the person changed nothing', () => {
    const mine = { ...read, variantsBucketBy: 'accountId' };
    const next = rebaseDraft(read, mine, theirs);
    expect(next.rules).toEqual(theirs.rules);
    expect(next.prerequisites).toEqual(theirs.prerequisites);
    expect(next.variantsBucketBy).toBe('accountId');
    expect(bothChanged(read, mine, theirs)).toEqual([]);
  });

  it('takes the person’s version of a field both changed, and says so', () => {
    const mine = { ...read, rules: [...read.rules, newRule('new-1')] };
    const next = rebaseDraft(read, mine, theirs);
    expect(next.rules).toEqual(mine.rules);
    expect(next.prerequisites).toEqual(theirs.prerequisites);
    expect(bothChanged(read, mine, theirs)).toEqual(['rules']);
  });

  it('leaves the newer version as it is when the person changed nothing', () => {
    expect(rebaseDraft(read, read, theirs)).toEqual(theirs);
  });
});
