import type { FlagType, JsonValue } from '@rampart/core';

/**
 * Why a variant value does not fit a flag type, or `undefined` when it does.
 *
 * @example
 * valueTypeProblem('number', '3'); // 'must be a number, as the flag is of type number'
 */
export function valueTypeProblem(type: FlagType, value: JsonValue | undefined): string | undefined {
  if (value === undefined || type === 'json') return undefined;
  const fits = type === 'number' ? typeof value === 'number' : typeof value === type;
  return fits ? undefined : `must be a ${type}, as the flag is of type ${type}`;
}
