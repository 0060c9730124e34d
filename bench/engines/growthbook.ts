import { GrowthBookClient, type FeatureDefinitions, type FeatureRule, type UserContext } from '@growthbook/growthbook';
import { ROLLOUT_PERCENTAGE, STAFF_EMAIL_SUFFIX, TARGET_COUNTRIES, TARGET_ROLLOUT_PERCENTAGE } from '../flags';
import { bindEngine, type CreateEngine } from './engine';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The three flags as GrowthBook features. Rollouts are `force` rules with `coverage`,
 * hashed on `userId` with hash version 2 and the flag key as seed. GrowthBook's conditions
 * have no "ends with" operator, so the suffix test is an anchored `$regex`.
 */
export function growthbookFeatures(): FeatureDefinitions {
  const rollout = (percentage: number, seed: string): FeatureRule<boolean> => ({
    force: true,
    coverage: percentage / 100,
    hashAttribute: 'userId',
    hashVersion: 2,
    seed,
  });
  return {
    simple: { defaultValue: false, rules: [{ force: true }] },
    rollout25: { defaultValue: false, rules: [rollout(ROLLOUT_PERCENTAGE, 'rollout25')] },
    targeted: {
      defaultValue: false,
      rules: [
        { condition: { email: { $regex: `${escapeRegExp(STAFF_EMAIL_SUFFIX)}$` } }, force: true },
        { condition: { country: { $in: [...TARGET_COUNTRIES] } }, ...rollout(TARGET_ROLLOUT_PERCENTAGE, 'targeted') },
      ],
    },
  };
}

/**
 * GrowthBook's multi-user mode: one `GrowthBookClient` holds the features (`initSync`, no
 * polling or streaming, so no network) and every call passes that user's context.
 */
export const createGrowthbookEngine: CreateEngine = async (contexts) => {
  const client = new GrowthBookClient().initSync({ payload: { features: growthbookFeatures() } });
  const native: UserContext[] = contexts.map((attributes) => ({ attributes: { ...attributes } }));
  return bindEngine(
    native,
    (flagKey, context) => client.isOn(flagKey, context),
    () => client.destroy(),
  );
};
