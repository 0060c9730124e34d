import { RANDOM_UNIT, type EvaluationContext, type UnitChain } from '../model';

function asAttribute(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

/**
 * The attribute as operators read it: `String(value)` for strings, numbers and booleans;
 * `undefined` for anything else, including what a plain object inherits (`constructor`,
 * `__proto__`), so that no context can make evaluation throw. An attribute that the call's
 * context lacks (`undefined` or `null`) is read from `base`, the static attributes that
 * `compile` was given, so that no merged context has to be built per call.
 */
export function readAttribute(context: EvaluationContext, base: EvaluationContext, name: string): string | undefined {
  const raw = context[name];
  return raw === undefined || raw === null ? asAttribute(base[name]) : asAttribute(raw);
}

/** A fresh unit for `$random`: as uniform after hashing as any id. */
export function randomUnit(random: () => number): string {
  return String(Math.floor(random() * 0x1_0000_0000));
}

/**
 * The chain's unit: the first attribute present and not empty (so logged-out users sending
 * `userId: ""` do not share one bucket), a random one at `$random`, else `undefined`.
 */
export function resolveUnit(
  chain: UnitChain,
  context: EvaluationContext,
  base: EvaluationContext,
  random: () => number,
): string | undefined {
  for (const name of chain) {
    if (name === RANDOM_UNIT) return randomUnit(random);
    const value = readAttribute(context, base, name);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** Whether the chain resolves, without drawing a random unit: all a 100 % rollout needs. */
export function chainResolves(chain: UnitChain, context: EvaluationContext, base: EvaluationContext): boolean {
  for (const name of chain) {
    if (name === RANDOM_UNIT) return true;
    const value = readAttribute(context, base, name);
    if (value !== undefined && value !== '') return true;
  }
  return false;
}
