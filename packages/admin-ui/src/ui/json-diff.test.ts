import { describe, expect, it } from 'vitest';
import { diffJson, formatJsonValue } from './json-diff.js';

describe('diffJson', () => {
  it('names a changed leaf by its path', () => {
    const before = { enabled: true, rules: [{ id: 'a', rollout: { percentage: 5 } }] };
    const after = { enabled: true, rules: [{ id: 'a', rollout: { percentage: 25 } }] };
    expect(diffJson(before, after)).toEqual([
      { kind: 'changed', path: 'rules[0].rollout.percentage', before: 5, after: 25 },
    ]);
  });

  it('finds nothing between equal values', () => {
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
    expect(diffJson(null, null)).toEqual([]);
  });

  it('lists added and removed fields with their values', () => {
    expect(diffJson({ a: 1, gone: 'x' }, { a: 1, added: { b: 2 } })).toEqual([
      { kind: 'removed', path: 'gone', before: 'x' },
      { kind: 'added', path: 'added', after: { b: 2 } },
    ]);
  });

  it('lists the fields of a created or deleted object one by one', () => {
    expect(diffJson(null, { key: 'dark-mode', tags: [] })).toEqual([
      { kind: 'added', path: 'key', after: 'dark-mode' },
      { kind: 'added', path: 'tags', after: [] },
    ]);
    expect(diffJson({ key: 'dark-mode' }, null)).toEqual([{ kind: 'removed', path: 'key', before: 'dark-mode' }]);
  });

  it('compares plain arrays element by element', () => {
    expect(diffJson({ tags: ['web', 'beta'] }, { tags: ['web', 'ga', 'new'] })).toEqual([
      { kind: 'changed', path: 'tags[1]', before: 'beta', after: 'ga' },
      { kind: 'added', path: 'tags[2]', after: 'new' },
    ]);
    expect(diffJson([1, 2, 3], [1])).toEqual([
      { kind: 'removed', path: '[1]', before: 2 },
      { kind: 'removed', path: '[2]', before: 3 },
    ]);
  });

  it('matches identified elements by id, so a rule inserted first is the only change', () => {
    const rule = (id: string, percentage: number) => ({ id, rollout: { percentage } });
    const before = { rules: [rule('a', 5), rule('b', 100)] };
    const after = { rules: [rule('new', 1), rule('a', 5), rule('b', 50)] };
    expect(diffJson(before, after)).toEqual([
      { kind: 'added', path: 'rules[0]', after: rule('new', 1) },
      { kind: 'changed', path: 'rules[2].rollout.percentage', before: 100, after: 50 },
    ]);
  });

  it('says when identified elements change places', () => {
    const before = { rules: [{ id: 'a' }, { id: 'b' }] };
    const after = { rules: [{ id: 'b' }, { id: 'a' }] };
    expect(diffJson(before, after)).toEqual([
      { kind: 'moved', path: 'rules', from: 1, to: 0 },
      { kind: 'moved', path: 'rules', from: 0, to: 1 },
    ]);
  });

  it('removes an identified element by its index before the change', () => {
    expect(diffJson({ rules: [{ id: 'a' }, { id: 'b' }] }, { rules: [{ id: 'b' }] })).toEqual([
      { kind: 'removed', path: 'rules[0]', before: { id: 'a' } },
    ]);
  });

  it('quotes keys that are not identifiers', () => {
    expect(diffJson({ environments: { 'eu-west': 1 } }, { environments: { 'eu-west': 2 } })).toEqual([
      { kind: 'changed', path: 'environments["eu-west"]', before: 1, after: 2 },
    ]);
  });

  it('reports a change of type at the field that changed', () => {
    expect(diffJson({ value: { a: 1 } }, { value: 'text' })).toEqual([
      { kind: 'changed', path: 'value', before: { a: 1 }, after: 'text' },
    ]);
    expect(diffJson(1, 2)).toEqual([{ kind: 'changed', path: '', before: 1, after: 2 }]);
  });

  it('treats a field set to undefined as absent', () => {
    expect(diffJson({ a: undefined }, {})).toEqual([]);
  });
});

describe('formatJsonValue', () => {
  it('writes values on one line as JSON does', () => {
    expect(formatJsonValue('on')).toBe('"on"');
    expect(formatJsonValue(25)).toBe('25');
    expect(formatJsonValue({ a: [1, null] })).toBe('{"a":[1,null]}');
    expect(formatJsonValue(undefined)).toBe('(none)');
  });
});
