/** Why an Unleash strategy could not be carried over as Unleash means it. */
export const UNLEASH_NOT_CARRIED_CODES = [
  /** A strategy Unleash does not ship: only the SDKs that implement it know what it means. */
  'custom_strategy',
  /** A built-in strategy that needs what a shared snapshot cannot know (`applicationHostname`). */
  'unsupported_strategy',
  /** A constraint whose operator Rampart does not have; the constraint is dropped. */
  'unknown_operator',
  /** A parameter the mapping cannot read (a percentage that is not a number, an unreadable address). */
  'unsupported_parameter',
] as const;
export type UnleashNotCarriedCode = (typeof UNLEASH_NOT_CARRIED_CODES)[number];

export interface UnleashNotCarriedReason {
  code: UnleashNotCarriedCode;
  /** For people: what exactly could not be carried over. */
  message: string;
}

/**
 * A strategy that could not be carried over. Its rule is still there, with what could be
 * carried (constraints, segments, variants), but kept off (0 %): serving nobody is the safe
 * reading of a strategy whose meaning is lost.
 */
export interface UnleashStrategyNotCarried {
  flag: string;
  /** The id of the rule the strategy became: the strategy's id, else its index. */
  ruleId: string;
  strategy: { id?: string; name?: string; title?: string };
  reasons: UnleashNotCarriedReason[];
}
