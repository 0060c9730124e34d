import { DEFAULT_ROLLOUT_CHAIN, RANDOM_UNIT, type Condition, type FlagType, type Rule, type UnitChain } from '../model';
import { fromUnleashConstraint } from './constraints';
import { fromUnleashVariants, variantChain } from './variants';
import type { UnleashStrategy } from './types';

/** Unleash segment ids become these keys; the segment's name is kept as its `name`. */
export function segmentKeyOf(id: number | string): string {
  return `unleash-segment-${id}`;
}

/** Read as a number, clamped to 0–100 and floored to whole percent, as Unleash buckets it. */
function wholePercent(value: unknown): number {
  const number = Number(value);
  return Number.isFinite(number) ? Math.floor(Math.min(100, Math.max(0, number))) : 0;
}

function commaList(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
    : [];
}

function stickinessChain(stickiness: unknown): UnitChain {
  if (stickiness === undefined || stickiness === 'default' || stickiness === '') return DEFAULT_ROLLOUT_CHAIN;
  if (stickiness === 'random') return [RANDOM_UNIT];
  return [String(stickiness)];
}

/** Unleash falls back to the feature name when `groupId` is missing or empty: so does the salt. */
function saltOf(groupId: unknown): string | undefined {
  return typeof groupId === 'string' && groupId !== '' ? groupId : undefined;
}

interface Targeting {
  percentage: number;
  bucketBy: UnitChain;
  salt?: string | undefined;
  conditions?: Condition[];
}

/** What a built-in strategy means, as a rollout and extra conditions. */
function targetingOf(strategy: UnleashStrategy): Targeting {
  const parameters = strategy.parameters ?? {};
  switch (strategy.name) {
    case 'default':
      return { percentage: 100, bucketBy: DEFAULT_ROLLOUT_CHAIN };
    case 'flexibleRollout':
      return {
        percentage: wholePercent(parameters.rollout),
        bucketBy: stickinessChain(parameters.stickiness),
        salt: saltOf(parameters.groupId),
      };
    case 'gradualRolloutUserId':
      return {
        percentage: wholePercent(parameters.percentage),
        bucketBy: ['userId'],
        salt: saltOf(parameters.groupId),
      };
    case 'gradualRolloutSessionId':
      return {
        percentage: wholePercent(parameters.percentage),
        bucketBy: ['sessionId'],
        salt: saltOf(parameters.groupId),
      };
    case 'gradualRolloutRandom':
      return { percentage: wholePercent(parameters.percentage), bucketBy: [RANDOM_UNIT] };
    case 'userWithId':
      return {
        percentage: 100,
        bucketBy: DEFAULT_ROLLOUT_CHAIN,
        conditions: [{ attribute: 'userId', operator: 'in', values: commaList(parameters.userIds) }],
      };
    case 'remoteAddress':
      return {
        percentage: 100,
        bucketBy: DEFAULT_ROLLOUT_CHAIN,
        conditions: [{ attribute: 'remoteAddress', operator: 'in_cidr', values: commaList(parameters.IPs) }],
      };
    default:
      // applicationHostname needs the host's name, which a shared snapshot cannot know;
      // unknown (custom) strategies have no meaning here. Both never match.
      return { percentage: 0, bucketBy: DEFAULT_ROLLOUT_CHAIN };
  }
}

/**
 * One Unleash strategy as one rule: its constraints, segments, rollout and variants.
 *
 * @example
 * fromUnleashStrategy({ name: 'flexibleRollout', parameters: { rollout: '25', stickiness: 'userId' } }, 0, 'boolean');
 * // { id: '0', conditions: [], segments: [], rollout: { percentage: 25, bucketBy: ['userId'] } }
 */
export function fromUnleashStrategy(strategy: UnleashStrategy, index: number, type: FlagType): Rule {
  const targeting = targetingOf(strategy);
  const rule: Rule = {
    id: typeof strategy.id === 'string' && strategy.id !== '' ? strategy.id : String(index),
    segments: (strategy.segments ?? []).map(segmentKeyOf),
    conditions: [...(strategy.constraints ?? []).map(fromUnleashConstraint), ...(targeting.conditions ?? [])],
    rollout: { percentage: targeting.percentage, bucketBy: targeting.bucketBy },
  };
  if (targeting.salt !== undefined) rule.rollout.salt = targeting.salt;
  const variants = strategy.variants ?? [];
  if (variants.length > 0) {
    rule.variants = fromUnleashVariants(variants, type, false);
    const stickiness = variants[0]?.stickiness ?? strategy.parameters?.stickiness;
    rule.variantsBucketBy = variantChain(typeof stickiness === 'string' ? stickiness : undefined);
  }
  return rule;
}

/** Unleash's meaning of a feature with no strategies: on for everyone. */
export const EVERYONE_RULE: Rule = {
  id: 'default',
  conditions: [],
  rollout: { percentage: 100, bucketBy: DEFAULT_ROLLOUT_CHAIN },
};
