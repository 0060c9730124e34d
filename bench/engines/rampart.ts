import { compile, evaluate, type Snapshot } from '@rampart/core';
import { ROLLOUT_PERCENTAGE, STAFF_EMAIL_SUFFIX, TARGET_COUNTRIES, TARGET_ROLLOUT_PERCENTAGE } from '../flags';
import { bindEngine, type CreateEngine } from './engine';

/** The three flags as a Rampart snapshot; salts are absent, so each rollout is salted by its flag key. */
export function rampartSnapshot(): Snapshot {
  return {
    environment: 'bench',
    version: 1,
    segments: [],
    flags: [
      { key: 'simple', enabled: true, rules: [{ id: 'everyone', rollout: { percentage: 100 } }] },
      {
        key: 'rollout25',
        enabled: true,
        rules: [{ id: 'rollout', rollout: { percentage: ROLLOUT_PERCENTAGE, bucketBy: ['userId'] } }],
      },
      {
        key: 'targeted',
        enabled: true,
        rules: [
          {
            id: 'staff',
            conditions: [{ attribute: 'email', operator: 'str_ends_with', values: [STAFF_EMAIL_SUFFIX] }],
            rollout: { percentage: 100 },
          },
          {
            id: 'markets',
            conditions: [{ attribute: 'country', operator: 'in', values: [...TARGET_COUNTRIES] }],
            rollout: { percentage: TARGET_ROLLOUT_PERCENTAGE, bucketBy: ['userId'] },
          },
        ],
      },
    ],
  };
}

export const createRampartEngine: CreateEngine = async (contexts) => {
  const compiled = compile(rampartSnapshot());
  return bindEngine(contexts, (flagKey, context) => evaluate(compiled, flagKey, context).enabled);
};
