import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api.js';
import { createKeyBody, sortKeys } from './key-form.js';

const key = (id: string, createdAt: string, revokedAt: string | null = null): Schemas['Key'] => ({
  id,
  kind: 'server',
  environment: 'production',
  name: id,
  createdAt,
  revokedAt,
});

describe('createKeyBody', () => {
  it('sends the environment of a server or client key', () => {
    expect(createKeyBody({ kind: 'server', environment: 'production', name: 'checkout-api' })).toEqual({
      kind: 'server',
      environment: 'production',
      name: 'checkout-api',
    });
    expect(createKeyBody({ kind: 'client', environment: 'staging', name: 'web' })).toEqual({
      kind: 'client',
      environment: 'staging',
      name: 'web',
    });
  });

  it('leaves the environment out of an admin key, which belongs to none', () => {
    expect(createKeyBody({ kind: 'admin', environment: 'production', name: 'ci' })).toEqual({
      kind: 'admin',
      name: 'ci',
    });
  });

  it('trims the name', () => {
    expect(createKeyBody({ kind: 'admin', environment: '', name: '  deploy bot ' }).name).toBe('deploy bot');
  });
});

describe('sortKeys', () => {
  it('lists live keys before revoked ones, newest first in each', () => {
    const keys = [
      key('old', '2030-01-01T00:00:00Z'),
      key('revoked-new', '2030-03-01T00:00:00Z', '2030-03-02T00:00:00Z'),
      key('new', '2030-02-01T00:00:00Z'),
      key('revoked-old', '2029-01-01T00:00:00Z', '2030-01-02T00:00:00Z'),
    ];
    expect(sortKeys(keys).map((k) => k.id)).toEqual(['new', 'old', 'revoked-new', 'revoked-old']);
  });

  it('leaves the list it was given alone', () => {
    const keys = [key('a', '2030-01-01T00:00:00Z'), key('b', '2030-02-01T00:00:00Z')];
    sortKeys(keys);
    expect(keys.map((k) => k.id)).toEqual(['a', 'b']);
  });
});
