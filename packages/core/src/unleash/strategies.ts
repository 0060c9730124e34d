import {
  DEFAULT_ROLLOUT_CHAIN,
  RANDOM_UNIT,
  type Condition,
  type FlagType,
  type Operator,
  type Rule,
  type UnitChain,
} from '../model';
import { isOperator } from '../operators';
import { fromUnleashConstraint } from './constraints';
import type { UnleashNotCarriedReason } from './not-carried';
import { fromUnleashVariants, variantChain } from './variants';
import type { UnleashStrategy } from './types';

/** Unleash segment ids become these keys; the segment's name is kept as its `name`. */
export function segmentKeyOf(id: number | string): string {
  return `unleash-segment-${id}`;
}

function unsupportedParameter(name: string, problem: string): UnleashNotCarriedReason {
  return { code: 'unsupported_parameter', message: `parameter '${name}' ${problem}` };
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
  /** Why the strategy cannot mean here what it means in Unleash; its rule is then kept off. */
  reasons?: UnleashNotCarriedReason[];
}

/**
 * A gradual rollout: its percentage read as a number, clamped to 0–100 and floored to whole
 * percent, as Unleash buckets it. One that is not a number admits no one in Unleash either,
 * but is reported: it is a mistake in the export, not a setting.
 */
function gradual(parameters: Record<string, unknown>, name: string, bucketBy: UnitChain, salt?: unknown): Targeting {
  const value = parameters[name];
  const number = Number(value);
  const targeting = { percentage: 0, bucketBy, salt: saltOf(salt) };
  if (!Number.isFinite(number)) {
    const problem = value === undefined ? 'is missing' : `is not a number: ${JSON.stringify(value)}`;
    return { ...targeting, reasons: [unsupportedParameter(name, problem)] };
  }
  return { ...targeting, percentage: Math.floor(Math.min(100, Math.max(0, number))) };
}

/** `userWithId` and `remoteAddress`: a comma-separated parameter as one condition on everyone. */
function listed(parameters: Record<string, unknown>, name: string, attribute: string, operator: Operator): Targeting {
  const value = parameters[name];
  const condition: Condition = { attribute, operator, values: commaList(value) };
  const targeting = { percentage: 100, bucketBy: DEFAULT_ROLLOUT_CHAIN, conditions: [condition] };
  if (value === undefined || typeof value === 'string') return targeting;
  return {
    ...targeting,
    reasons: [unsupportedParameter(name, `is not a comma-separated list: ${JSON.stringify(value)}`)],
  };
}

const OFF: Targeting = { percentage: 0, bucketBy: DEFAULT_ROLLOUT_CHAIN };
const HOSTNAME = "applicationHostname needs the name of the SDK's host, which a shared snapshot cannot know";

/** What a built-in strategy means, as a rollout and extra conditions. */
function targetingOf(strategy: UnleashStrategy): Targeting {
  const parameters = strategy.parameters ?? {};
  switch (strategy.name) {
    case 'default':
      return { percentage: 100, bucketBy: DEFAULT_ROLLOUT_CHAIN };
    case 'flexibleRollout':
      return gradual(parameters, 'rollout', stickinessChain(parameters.stickiness), parameters.groupId);
    case 'gradualRolloutUserId':
      return gradual(parameters, 'percentage', ['userId'], parameters.groupId);
    case 'gradualRolloutSessionId':
      return gradual(parameters, 'percentage', ['sessionId'], parameters.groupId);
    case 'gradualRolloutRandom':
      return gradual(parameters, 'percentage', [RANDOM_UNIT]);
    case 'userWithId':
      return listed(parameters, 'userIds', 'userId', 'in');
    case 'remoteAddress':
      return listed(parameters, 'IPs', 'remoteAddress', 'in_cidr');
    case 'applicationHostname':
      return { ...OFF, reasons: [{ code: 'unsupported_strategy', message: HOSTNAME }] };
    default: {
      const message =
        typeof strategy.name === 'string' && strategy.name !== ''
          ? `custom strategy '${strategy.name}': only the Unleash SDKs that implement it know what it means`
          : 'a strategy without a name';
      return { ...OFF, reasons: [{ code: 'custom_strategy', message }] };
    }
  }
}

/** Constraints as conditions; one with an operator Rampart does not have cannot be stored, so it is reported. */
function conditionsOf(strategy: UnleashStrategy): { conditions: Condition[]; reasons: UnleashNotCarriedReason[] } {
  const conditions: Condition[] = [];
  const reasons: UnleashNotCarriedReason[] = [];
  for (const constraint of strategy.constraints ?? []) {
    const condition = fromUnleashConstraint(constraint);
    if (isOperator(condition.operator)) conditions.push(condition);
    else {
      const operator = JSON.stringify(constraint.operator ?? null);
      const message = `constraint on '${condition.attribute}' has an unknown operator: ${operator}`;
      reasons.push({ code: 'unknown_operator', message });
    }
  }
  return { conditions, reasons };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export interface MappedStrategy {
  rule: Rule;
  /** Empty when the strategy was carried over; otherwise its rule is off (0 %). */
  reasons: UnleashNotCarriedReason[];
}

/**
 * One Unleash strategy as one rule, named by the strategy's title (else its name): its
 * constraints, segments, rollout and variants. A strategy that cannot be carried over still
 * becomes a rule, with what could be carried, but at 0 %, and says why.
 *
 * @example
 * fromUnleashStrategy({ name: 'flexibleRollout', parameters: { rollout: '25', stickiness: 'userId' } }, 0, 'boolean');
 * // { rule: { id: '0', name: 'flexibleRollout', segments: [], conditions: [],
 * //           rollout: { percentage: 25, bucketBy: ['userId'] } }, reasons: [] }
 */
export function fromUnleashStrategy(strategy: UnleashStrategy, index: number, type: FlagType): MappedStrategy {
  const targeting = targetingOf(strategy);
  const constraints = conditionsOf(strategy);
  const reasons = [...(targeting.reasons ?? []), ...constraints.reasons];
  const name = nonEmpty(strategy.title) ?? nonEmpty(strategy.name);
  const rule: Rule = {
    id: nonEmpty(strategy.id) ?? String(index),
    ...(name === undefined ? {} : { name }),
    segments: (strategy.segments ?? []).map(segmentKeyOf),
    conditions: [...constraints.conditions, ...(targeting.conditions ?? [])],
    rollout: { percentage: reasons.length > 0 ? 0 : targeting.percentage, bucketBy: targeting.bucketBy },
  };
  if (targeting.salt !== undefined) rule.rollout.salt = targeting.salt;
  const variants = strategy.variants ?? [];
  if (variants.length > 0) {
    rule.variants = fromUnleashVariants(variants, type, false);
    const stickiness = variants[0]?.stickiness ?? strategy.parameters?.stickiness;
    rule.variantsBucketBy = variantChain(typeof stickiness === 'string' ? stickiness : undefined);
  }
  return { rule, reasons };
}

/** Unleash's meaning of a feature with no strategies: on for everyone. */
export const EVERYONE_RULE: Rule = {
  id: 'default',
  conditions: [],
  rollout: { percentage: 100, bucketBy: DEFAULT_ROLLOUT_CHAIN },
};
