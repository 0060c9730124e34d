import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api.js';
import { filterEntries, flagOf, NO_ENTRY_FILTER, viaText } from './entry-filter.js';

const entry = (id: string, actor: string, action: string): Schemas['AuditEntry'] => ({
  id,
  at: '2030-01-01T12:00:00.000Z',
  actor,
  action,
  target: 'new-checkout',
  before: null,
  after: null,
});

const entries = [
  entry('3', 'release:q3k7m2xa9wbt', 'config.ramped'),
  entry('2', 'ops@example.com', 'release.paused'),
  entry('1', 'Ops@Example.com', 'config.killed'),
];

describe('filterEntries', () => {
  it('keeps every entry without a filter', () => {
    expect(filterEntries(entries, NO_ENTRY_FILTER)).toEqual(entries);
  });

  it('keeps the entries whose actor contains the text, in any case', () => {
    expect(filterEntries(entries, { actor: ' OPS@ ', action: '' }).map((e) => e.id)).toEqual(['2', '1']);
  });

  it('keeps a family of actions by its prefix, and combines both filters', () => {
    expect(filterEntries(entries, { actor: '', action: 'config.' }).map((e) => e.id)).toEqual(['3', '1']);
    expect(filterEntries(entries, { actor: 'ops', action: 'config.' }).map((e) => e.id)).toEqual(['1']);
  });
});

describe('viaText', () => {
  it('names how a change was made, and nothing for older entries', () => {
    expect(viaText('ui')).toBe('web UI');
    expect(viaText('plan')).toBe('release plan');
    expect(viaText(undefined)).toBeUndefined();
  });
});

describe('flagOf', () => {
  it('is the target of flag, configuration, release and trigger entries only', () => {
    expect(flagOf({ action: 'release.paused', target: 'new-checkout' })).toBe('new-checkout');
    expect(flagOf({ action: 'trigger.created', target: 'new-checkout' })).toBe('new-checkout');
    expect(flagOf({ action: 'segment.updated', target: 'beta-users' })).toBeUndefined();
    expect(flagOf({ action: 'key.created', target: 'k1' })).toBeUndefined();
  });
});
