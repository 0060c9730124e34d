import type { FlagGuard } from '../model';
import { isRecord } from './shape';

/**
 * The arm of a guarded rule that a context falls in: `treatment` when the rule matches it and
 * its rollout lets it in, `control` when the rule matches it and its rollout leaves it out.
 */
export type GuardArm = 'treatment' | 'control';

/**
 * Told of each evaluation that reaches a guarded rule and finds its arm. `unit` is the rollout's
 * bucketing hash of the context's unit (MurmurHash3 x86_32 of `salt + ":" + unit`, unsigned):
 * the same number for the same unit at every evaluation of the rule, so counting distinct
 * numbers counts distinct units.
 */
export type ExposureHook = (arm: GuardArm, unit: number) => void;

/** A flag's guard once compiled: the rule it names is in the flag's rules with this object as its `guard`. */
export interface CompiledGuard extends FlagGuard {
  flagKey: string;
  /** What `compile`'s `onGuardedFlag` gave for the flag, if anything. */
  onExposure: ExposureHook | undefined;
}

/**
 * A snapshot flag's `guard`, when it has the contract's shape; anything else is no guard.
 *
 * @example
 * guardOf({ ruleId: 'r1', event: 'checkout-error', batch: 'b7', extra: 1 });
 * // { ruleId: 'r1', event: 'checkout-error', batch: 'b7' }
 * guardOf({ ruleId: 'r1' }); // undefined
 */
export function guardOf(source: unknown): FlagGuard | undefined {
  if (!isRecord(source)) return undefined;
  const { ruleId, event, batch } = source;
  if (typeof ruleId !== 'string' || typeof event !== 'string' || typeof batch !== 'string') return undefined;
  return { ruleId, event, batch };
}
