import { FlagdCore } from '@openfeature/flagd-core';
import type { EvaluationContext } from '@openfeature/core';
import { ROLLOUT_PERCENTAGE, STAFF_EMAIL_SUFFIX, TARGET_COUNTRIES, TARGET_ROLLOUT_PERCENTAGE } from '../flags';
import { bindEngine, type CreateEngine } from './engine';

const booleanVariants = { on: true, off: false } as const;

/** `fractional` with no bucketing expression hashes flag key + `targetingKey` (here the `userId`). */
function fractional(percentage: number) {
  return {
    fractional: [
      ['on', percentage],
      ['off', 100 - percentage],
    ],
  };
}

/** The three flags as a flagd flag-definition document (JsonLogic targeting). */
export function flagdDocument(): string {
  return JSON.stringify({
    flags: {
      simple: { state: 'ENABLED', variants: booleanVariants, defaultVariant: 'on' },
      rollout25: {
        state: 'ENABLED',
        variants: booleanVariants,
        defaultVariant: 'off',
        targeting: fractional(ROLLOUT_PERCENTAGE),
      },
      targeted: {
        state: 'ENABLED',
        variants: booleanVariants,
        defaultVariant: 'off',
        targeting: {
          if: [
            { ends_with: [{ var: 'email' }, STAFF_EMAIL_SUFFIX] },
            'on',
            { in: [{ var: 'country' }, [...TARGET_COUNTRIES]] },
            fractional(TARGET_ROLLOUT_PERCENTAGE),
            'off',
          ],
        },
      },
    },
  });
}

/** flagd's in-process evaluator, in its default compiled JsonLogic mode. */
export const createFlagdEngine: CreateEngine = async (contexts) => {
  const core = new FlagdCore();
  core.setConfigurations(flagdDocument());
  // OpenFeature carries the user id as `targetingKey`.
  const native: EvaluationContext[] = contexts.map(({ userId, email, country }) => ({
    targetingKey: userId,
    email,
    country,
  }));
  return bindEngine(native, (flagKey, context) => core.resolveBooleanEvaluation(flagKey, false, context).value);
};
