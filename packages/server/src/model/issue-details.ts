import type { ErrorDetail } from '../base/errors.js';

interface ZodIssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
}

/**
 * zod issues as API error details; an unknown key is reported at its own path.
 *
 * @example
 * issueDetails([{ path: ['rules', 0, 'rollout', 'percentage'], message: 'Too big' }]); // [{ path: 'rules.0.rollout.percentage', ... }]
 */
export function issueDetails(issues: readonly ZodIssueLike[]): ErrorDetail[] {
  return issues.flatMap((issue) => {
    const base = issue.path.map((part) => String(part));
    if (issue.code === 'unrecognized_keys' && issue.keys !== undefined) {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: 'unknown field' }));
    }
    return [{ path: base.join('.'), message: issue.message }];
  });
}
