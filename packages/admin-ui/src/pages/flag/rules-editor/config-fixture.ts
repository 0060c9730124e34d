import type { Schemas } from '../../../api.js';

/** A stored configuration for tests: on, version 3, with the fields given. */
export function configWith(fields: Partial<Schemas['FlagConfig']>): Schemas['FlagConfig'] {
  return {
    flag: 'checkout',
    environment: 'production',
    enabled: true,
    rules: [],
    variants: [],
    prerequisites: [],
    version: 3,
    updatedAt: '2030-01-01T00:00:00.000Z',
    ...fields,
  };
}
