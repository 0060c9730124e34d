import { RANDOM_UNIT, type EvaluationContext, type UnitChain } from '../model';

/**
 * The attribute as operators read it: `String(value)` for strings, numbers and booleans;
 * `undefined` for anything else, including what a plain object inherits (`constructor`,
 * `__proto__`), so that no context can make evaluation throw.
 */
export function readAttribute(context: EvaluationContext, name: string): string | undefined {
  const raw = context[name];
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

/** A fresh unit for `$random`: as uniform after hashing as any id. */
function randomUnit(random: () => number): string {
  return String(Math.floor(random() * 0x1_0000_0000));
}

/**
 * The chain's unit: the first attribute present and not empty (so logged-out users sending
 * `userId: ""` do not share one bucket), a random one at `$random`, else `undefined`.
 */
export function resolveUnit(chain: UnitChain, context: EvaluationContext, random: () => number): string | undefined {
  for (const name of chain) {
    if (name === RANDOM_UNIT) return randomUnit(random);
    const value = readAttribute(context, name);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** Whether the chain resolves, without drawing a random unit: all a 100 % rollout needs. */
export function chainResolves(chain: UnitChain, context: EvaluationContext): boolean {
  for (const name of chain) {
    if (name === RANDOM_UNIT) return true;
    const value = readAttribute(context, name);
    if (value !== undefined && value !== '') return true;
  }
  return false;
}
