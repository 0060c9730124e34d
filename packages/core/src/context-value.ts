import type { ContextValue } from './model';

/**
 * A value from another system's context as a Rampart attribute: strings, numbers and booleans
 * as they are, a valid `Date` as ISO 8601, anything else (objects, lists, invalid dates) missing.
 *
 * @example
 * toContextValue(new Date(0)); // '1970-01-01T00:00:00.000Z'
 */
export function toContextValue(value: unknown): ContextValue {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}
