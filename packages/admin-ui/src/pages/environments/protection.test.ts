import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api.js';
import { createEnvironmentBody, protectionBody, protectionFormOf, whoMayChange } from './protection.js';

const environment = (overrides: Partial<Schemas['Environment']> = {}): Schemas['Environment'] => ({
  key: 'production',
  name: 'Production',
  version: 3,
  createdAt: '2030-01-01T00:00:00.000Z',
  protected: true,
  protectedRoles: [],
  ...overrides,
});

describe('whoMayChange', () => {
  it('lets editors and admins change an environment that is not protected', () => {
    expect(whoMayChange(environment({ protected: false }))).toBe('Editors and admins');
  });

  it('lets only admins change a protected environment that lists no role', () => {
    expect(whoMayChange(environment())).toBe('Admins only');
  });

  it('names editors when a protected environment lists them', () => {
    expect(whoMayChange(environment({ protectedRoles: ['editor'] }))).toBe('Admins and editors');
  });

  it('does not name viewers, who change no configuration anywhere', () => {
    expect(whoMayChange(environment({ protectedRoles: ['viewer'] }))).toBe('Admins only');
  });
});

describe('protectionBody', () => {
  it('protects for admins only', () => {
    expect(protectionBody({ protected: true, editors: false }, ['editor'])).toEqual({
      protected: true,
      protectedRoles: [],
    });
  });

  it('lets editors in', () => {
    expect(protectionBody({ protected: true, editors: true }, [])).toEqual({
      protected: true,
      protectedRoles: ['editor'],
    });
  });

  it('keeps a role the form does not show', () => {
    expect(protectionBody({ protected: true, editors: false }, ['viewer', 'editor'])).toEqual({
      protected: true,
      protectedRoles: ['viewer'],
    });
  });

  it('fills the form from the environment and back without change', () => {
    const env = environment({ protectedRoles: ['editor'] });
    expect(protectionBody(protectionFormOf(env), env.protectedRoles)).toEqual({
      protected: true,
      protectedRoles: ['editor'],
    });
  });
});

describe('createEnvironmentBody', () => {
  it('leaves out an empty name and the roles of an environment that is not protected', () => {
    expect(createEnvironmentBody({ key: ' staging ', name: '  ', protected: false, editors: true })).toEqual({
      key: 'staging',
      protected: false,
    });
  });

  it('sends the name and the roles of a protected environment', () => {
    expect(createEnvironmentBody({ key: 'eu-prod', name: 'EU production', protected: true, editors: true })).toEqual({
      key: 'eu-prod',
      name: 'EU production',
      protected: true,
      protectedRoles: ['editor'],
    });
  });
});
