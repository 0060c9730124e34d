import { isDeepStrictEqual } from 'node:util';

/** One difference between two values, at a path such as `rules[0].rollout.percentage`. */
export interface Difference {
  path: string;
  /** Absent: the field is new. */
  before?: unknown;
  /** Absent: the field goes away. */
  after?: unknown;
}

/**
 * The leaf differences from `before` to `after`: objects field by field, arrays item by item
 * (an item added or removed at the end is one difference), anything else as a whole.
 *
 * @example
 * diff({ enabled: false }, { enabled: true }); // [{ path: 'enabled', before: false, after: true }]
 */
export function diff(before: unknown, after: unknown, path = ''): Difference[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => {
      const at = `${path}[${i}]`;
      if (i >= after.length) return [{ path: at, before: before[i] }];
      if (i >= before.length) return [{ path: at, after: after[i] }];
      return diff(before[i], after[i], at);
    }).flat();
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return names.flatMap((name) => {
      const at = path === '' ? name : `${path}.${name}`;
      if (!(name in after)) return [{ path: at, before: before[name] }];
      if (!(name in before)) return [{ path: at, after: after[name] }];
      return diff(before[name], after[name], at);
    });
  }
  return [{ path, before, after }];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
