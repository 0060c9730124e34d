import { describe, expect, it } from 'vitest';
import { describePath, errorsByField, fieldOf } from './field-path.js';

const PATTERNS = ['rules.#.rollout.percentage', 'rules.#.conditions.#.values', 'rules.#.segments', 'variants.#.value'];

describe('placing the server’s details at fields', () => {
  it('finds the field a path names', () => {
    expect(fieldOf('rules.0.rollout.percentage', PATTERNS)).toBe('rules.0.rollout.percentage');
    expect(fieldOf('variants.12.value', PATTERNS)).toBe('variants.12.value');
  });

  it('shows a detail about a part of a field at the field', () => {
    expect(fieldOf('rules.2.segments.0', PATTERNS)).toBe('rules.2.segments');
    expect(fieldOf('rules.0.conditions.1.values.3', PATTERNS)).toBe('rules.0.conditions.1.values');
  });

  it('places a detail no field shows nowhere', () => {
    expect(fieldOf('rules.0', PATTERNS)).toBeUndefined();
    expect(fieldOf('', PATTERNS)).toBeUndefined();
    expect(fieldOf('rules.x.segments', PATTERNS)).toBeUndefined();
  });

  it('gathers every message of a field', () => {
    const byField = errorsByField(
      [
        { path: 'rules.0.segments.0', message: "segment 'a' does not exist" },
        { path: 'rules.0.segments.1', message: "segment 'b' does not exist" },
        { path: 'enabled', message: 'required' },
      ],
      PATTERNS,
    );
    expect([...byField]).toEqual([['rules.0.segments', ["segment 'a' does not exist", "segment 'b' does not exist"]]]);
  });
});

describe('describing a path', () => {
  it('counts from one, as people do', () => {
    expect(describePath('rules.0.rollout.percentage')).toBe('Rule 1, rollout, percentage');
    expect(describePath('variants.1.value')).toBe('Variant 2, value');
    expect(describePath('prerequisites.0.flag')).toBe('Prerequisite 1, flag');
  });

  it('reads field names as words', () => {
    expect(describePath('defaultVariant')).toBe('Default variant');
    expect(describePath('rules.3.rollout.bucketBy.0')).toBe('Rule 4, rollout, unit 1');
  });
});
