import type { EvaluationContext as OpenFeatureContext } from '@openfeature/server-sdk';
import { toContextValue, type ContextValue, type EvaluationContext } from '@rampart/core';

/**
 * An OpenFeature context as a Rampart one: flat attributes, `targetingKey` read as `userId`
 * (unless `userId` is given), dates as ISO 8601; nested objects and lists are left out.
 *
 * @example
 * fromOpenFeatureContext({ targetingKey: '42', plan: 'pro' }); // { userId: '42', plan: 'pro' }
 */
export function fromOpenFeatureContext(context: OpenFeatureContext): EvaluationContext {
  const flat: Record<string, ContextValue> = {};
  for (const [name, value] of Object.entries(context)) {
    if (name === 'targetingKey') continue;
    const read = toContextValue(value);
    if (read !== undefined) flat[name] = read;
  }
  if (flat.userId === undefined && typeof context.targetingKey === 'string') flat.userId = context.targetingKey;
  return flat;
}
