import type { JsonValue } from '@rampart/core';

/**
 * Rebuilds `value` as a {@link JsonValue}, or returns `undefined` when it is not one (a
 * function, `undefined`, a non-finite number). Bodies come from `JSON.parse`, so this only
 * turns `unknown` into a typed value; it is also the guard for anything else.
 *
 * @example
 * toJsonValue({ a: [1, 'x', null] }); // { a: [1, 'x', null] }
 */
export function toJsonValue(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) {
      const converted = toJsonValue(item);
      if (converted === undefined) return undefined;
      items.push(converted);
    }
    return items;
  }
  if (typeof value === 'object') {
    const entries: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = toJsonValue(item);
      if (converted === undefined) return undefined;
      entries[key] = converted;
    }
    return entries;
  }
  return undefined;
}
