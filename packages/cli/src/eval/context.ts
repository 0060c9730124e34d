import type { ContextValue, EvaluationContext } from '@rampart/core';
import { CliError } from '../cli-error.js';

/**
 * `--context key=value` pairs as an evaluation context. Values are read as people write them on
 * a command line: `true` and `false` are booleans, a number that reads back the same (`42`,
 * `-1.5`, not `007` or `1.0`) is a number, anything else is a string; `key=` is the empty
 * string. A later pair overrides an earlier one with the same key.
 *
 * @example
 * parseContext(['userId=42', 'plan=pro', 'beta=true']); // { userId: 42, plan: 'pro', beta: true }
 */
export function parseContext(pairs: readonly string[]): EvaluationContext {
  const context: Record<string, ContextValue> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    const key = separator < 0 ? '' : pair.slice(0, separator).trim();
    if (key === '') {
      throw new CliError(`--context: '${pair}' is not key=value`, {
        hint: 'e.g. --context userId=42 --context plan=pro (key= for the empty string)',
      });
    }
    context[key] = contextValue(pair.slice(separator + 1));
  }
  return context;
}

function contextValue(text: string): ContextValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const number = Number(text);
  return text !== '' && Number.isFinite(number) && String(number) === text ? number : text;
}
