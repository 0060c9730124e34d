import type { FlagType, JsonValue } from '@rampart/core';

/**
 * Why a variant value does not fit a flag type, or `undefined` when it does. A boolean flag's
 * variants carry no value: its value is its on/off state (model.md).
 *
 * @example
 * valueTypeProblem('number', '3'); // 'must be a number, as the flag is of type number'
 */
export function valueTypeProblem(type: FlagType, value: JsonValue | undefined): string | undefined {
  if (value === undefined || type === 'json') return undefined;
  if (type === 'boolean') return "must be absent: a boolean flag's variants carry no value, as its value is on or off";
  const fits = type === 'number' ? typeof value === 'number' : typeof value === type;
  return fits ? undefined : `must be a ${type}, as the flag is of type ${type}`;
}
