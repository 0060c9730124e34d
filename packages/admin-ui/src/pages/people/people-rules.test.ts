import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api.js';
import { createTokenBody, roleOf, rolesUpTo, sortTokens, tokenStatus, userStatus } from './people-rules.js';

const NOW = Date.parse('2030-06-01T00:00:00.000Z');

const token = (id: string, overrides: Partial<Schemas['PersonalToken']> = {}): Schemas['PersonalToken'] => ({
  id,
  name: id,
  role: 'editor',
  createdAt: '2030-01-01T00:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  ...overrides,
});

describe('rolesUpTo', () => {
  it('offers a person their own role and those below it', () => {
    expect(rolesUpTo('viewer')).toEqual(['viewer']);
    expect(rolesUpTo('editor')).toEqual(['viewer', 'editor']);
    expect(rolesUpTo('admin')).toEqual(['viewer', 'editor', 'admin']);
  });
});

describe('roleOf', () => {
  it('reads a role and nothing else', () => {
    expect(roleOf('editor')).toBe('editor');
    expect(roleOf('owner')).toBeUndefined();
  });
});

describe('userStatus', () => {
  it('says a disabled person is disabled, whatever else is true', () => {
    expect(userStatus({ disabled: true, hasPassword: true, singleSignOn: true })).toBe('Disabled');
  });

  it('says a person without a password who never used single sign-on is invited', () => {
    expect(userStatus({ disabled: false, hasPassword: false, singleSignOn: false })).toBe('Invited');
  });

  it('says a person with a password or single sign-on is active', () => {
    expect(userStatus({ disabled: false, hasPassword: true, singleSignOn: false })).toBe('Active');
    expect(userStatus({ disabled: false, hasPassword: false, singleSignOn: true })).toBe('Active');
  });
});

describe('tokenStatus', () => {
  it('says a token without expiry works until revoked', () => {
    expect(tokenStatus(token('a'), NOW)).toBe('Active');
    expect(tokenStatus(token('a', { revokedAt: '2030-02-01T00:00:00.000Z' }), NOW)).toBe('Revoked');
  });

  it('says a token has expired from its expiry on', () => {
    expect(tokenStatus(token('a', { expiresAt: '2030-06-01T00:00:00.001Z' }), NOW)).toBe('Active');
    expect(tokenStatus(token('a', { expiresAt: '2030-06-01T00:00:00.000Z' }), NOW)).toBe('Expired');
  });
});

describe('sortTokens', () => {
  it('lists working tokens first, newest first in each group', () => {
    const tokens = [
      token('old', { createdAt: '2030-01-01T00:00:00.000Z' }),
      token('revoked', { createdAt: '2030-05-01T00:00:00.000Z', revokedAt: '2030-05-02T00:00:00.000Z' }),
      token('new', { createdAt: '2030-03-01T00:00:00.000Z' }),
      token('expired', { createdAt: '2030-04-01T00:00:00.000Z', expiresAt: '2030-04-08T00:00:00.000Z' }),
    ];
    expect(sortTokens(tokens, NOW).map((t) => t.id)).toEqual(['new', 'old', 'revoked', 'expired']);
  });
});

describe('createTokenBody', () => {
  it('sends the expiry in days', () => {
    expect(createTokenBody({ name: ' laptop CLI ', role: 'editor', days: '90' })).toEqual({
      name: 'laptop CLI',
      role: 'editor',
      expiresInDays: 90,
    });
  });

  it('leaves the expiry out of a token that never expires', () => {
    expect(createTokenBody({ name: 'ci', role: 'viewer', days: '' })).toEqual({ name: 'ci', role: 'viewer' });
  });
});
