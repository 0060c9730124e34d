import { RE2JS } from 're2js';
import { unreadable, type OperatorCompiler } from './types';

/**
 * RE2 syntax, so evaluation time stays linear in the input whatever the pattern (no
 * catastrophic backtracking from a pattern typed into the admin UI). Unanchored search;
 * the condition holds when any of the patterns matches.
 */
export const compileRegex: OperatorCompiler = (values, caseInsensitive) => {
  const flags = caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0;
  const patterns: RE2JS[] = [];
  for (const [index, source] of values.entries()) {
    try {
      patterns.push(RE2JS.compile(source, flags));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return unreadable(`values[${index}] is not a valid RE2 pattern: ${reason}`);
    }
  }
  if (patterns.length === 0) return unreadable('values must hold a pattern');
  return { test: (value) => patterns.some((pattern) => pattern.test(value)) };
};
