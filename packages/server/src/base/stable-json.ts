/**
 * JSON with object keys sorted, so that equal data gives equal text whatever the key order.
 *
 * @example
 * stableJson({ b: 1, a: [2] }) === stableJson({ a: [2], b: 1 }); // true
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
