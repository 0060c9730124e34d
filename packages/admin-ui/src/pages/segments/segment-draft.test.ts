import { describe, expect, it } from 'vitest';
import { NEW_SEGMENT, segmentDraftOf, segmentOfDraft } from './segment-draft.js';

describe('the segment form', () => {
  it('sends back what it read', () => {
    const stored = {
      key: 'beta',
      name: 'Beta testers',
      description: 'Opted in',
      conditions: [{ attribute: 'email', operator: 'str_ends_with', values: ['@acme.com'], caseInsensitive: true }],
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
    };
    const { key, name, description, conditions } = stored;
    expect(segmentOfDraft(segmentDraftOf(stored))).toEqual({
      segment: { key, name, description, conditions },
      problems: [],
    });
  });

  it('asks for a key the server can take', () => {
    expect(segmentOfDraft(NEW_SEGMENT).problems).toEqual([{ path: 'key', message: 'enter a key' }]);
    expect(segmentOfDraft({ ...NEW_SEGMENT, key: 'beta users' }).problems[0]?.path).toBe('key');
  });

  it('places condition problems where the server would', () => {
    const draft = {
      ...NEW_SEGMENT,
      key: 'old',
      conditions: [{ attribute: 'age', operator: 'num_gt' as const, values: [''] }],
    };
    expect(segmentOfDraft(draft).problems).toEqual([{ path: 'conditions.0.values', message: 'enter a number' }]);
  });
});
