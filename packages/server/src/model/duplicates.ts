import type { z } from '@hono/zod-openapi';

/**
 * Adds an issue at `<path>.<index>.<field>` for every item whose identity repeats an earlier one.
 * `positions`, when given, is the list whose indices the paths use (items is a subset of it).
 *
 * @example
 * duplicateIssues(ctx, rules, (rule) => rule.id, ['rules'], 'id');
 */
export function duplicateIssues<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  identity: (item: T) => unknown,
  path: readonly (string | number)[],
  field: string,
  positions: readonly T[] = items,
): void {
  const seen = new Set<unknown>();
  for (const item of items) {
    const id = identity(item);
    if (seen.has(id)) {
      ctx.addIssue({
        code: 'custom',
        message: `duplicate ${field} '${String(id)}'`,
        path: [...path, positions.indexOf(item), field],
      });
    }
    seen.add(id);
  }
}
