import { toContextValue } from '../context-value';
import type { ContextValue, EvaluationContext } from '../model';
import type { UnleashContext } from './types';

/** Unleash reads these only from the top level, never from `properties`. */
const TOP_LEVEL_ONLY = new Set(['userId', 'sessionId', 'remoteAddress', 'currentTime']);

/**
 * An Unleash SDK context as a flat Rampart context: `properties` flattened in, top-level
 * fields winning, `currentTime` as ISO 8601.
 *
 * @example
 * fromUnleashContext({ userId: '42', properties: { plan: 'pro', userId: 'ignored' } });
 * // { plan: 'pro', userId: '42' }
 */
export function fromUnleashContext(context: UnleashContext): EvaluationContext {
  const flat: Record<string, ContextValue> = {};
  for (const [name, value] of Object.entries(context.properties ?? {})) {
    if (!TOP_LEVEL_ONLY.has(name)) flat[name] = toContextValue(value);
  }
  for (const [name, value] of Object.entries(context)) {
    if (name !== 'properties') flat[name] = toContextValue(value);
  }
  return flat;
}
