import { describe, expect, it } from 'vitest';
import { flagFormOf, flagPatch, tagsOf } from './flag-patch.js';

const flag = {
  key: 'new-checkout',
  type: 'boolean' as const,
  description: 'The new checkout',
  tags: ['web', 'checkout'],
  owner: 'payments',
  temporary: true,
  clientSide: false,
  archived: false,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
};

describe('editing a flag’s details', () => {
  it('sends nothing when nothing changed', () => {
    expect(flagPatch(flag, flagFormOf(flag))).toEqual({});
  });

  it('sends only what changed, so that a description edit never touches every environment', () => {
    expect(flagPatch(flag, { ...flagFormOf(flag), description: 'Checkout v2' })).toEqual({
      description: 'Checkout v2',
    });
    expect(flagPatch(flag, { ...flagFormOf(flag), clientSide: true, type: 'string' })).toEqual({
      type: 'string',
      clientSide: true,
    });
  });

  it('reads tags from a comma-separated list', () => {
    expect(tagsOf(' web,, checkout, web ')).toEqual(['web', 'checkout']);
    expect(flagPatch(flag, { ...flagFormOf(flag), tags: 'web , checkout' })).toEqual({});
    expect(flagPatch(flag, { ...flagFormOf(flag), tags: '' })).toEqual({ tags: [] });
  });

  it('trims the owner', () => {
    expect(flagPatch(flag, { ...flagFormOf(flag), owner: ' growth ' })).toEqual({ owner: 'growth' });
  });
});
