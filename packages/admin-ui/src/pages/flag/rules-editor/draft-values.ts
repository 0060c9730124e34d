import type { Schemas } from '../../../api.js';
import { isNumber } from '../../../conditions/operand.js';

export type FlagType = Schemas['Flag']['type'];

/** A parsed field: its value (`undefined`: the field is left out), or why it cannot be sent. */
export type Parsed<T> = { value: T | undefined; problem?: undefined } | { value?: undefined; problem: string };

/**
 * A rollout percentage typed by a person: 0 to 100, at most three decimals (0.001 % steps).
 *
 * @example
 * parsePercentage('12.5'); // { value: 12.5 }
 * parsePercentage('0.0001'); // { problem: 'use at most three decimals (0.001 % steps)' }
 */
export function parsePercentage(text: string): Parsed<number> {
  if (text.trim() === '') return { problem: 'enter a percentage from 0 to 100' };
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 100) return { problem: 'must be from 0 to 100' };
  if (Number(value.toFixed(3)) !== value) return { problem: 'use at most three decimals (0.001 % steps)' };
  return { value };
}

/**
 * A variant's weight: a whole number from 0 to 1 000 000 (weights are relative).
 *
 * @example
 * parseWeight('50'); // { value: 50 }
 */
export function parseWeight(text: string): Parsed<number> {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > 1_000_000) {
    return { problem: 'enter a whole number from 0 to 1000000' };
  }
  return { value };
}

/**
 * A unit chain typed as `userId, sessionId, $random`; blank means the default (left out).
 *
 * @example
 * chainOf(' userId ,, $random'); // ['userId', '$random']
 */
export function chainOf(text: string): string[] | undefined {
  const chain = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return chain.length === 0 ? undefined : chain;
}

/** A unit chain as the text field shows it; none as blank. */
export function chainText(chain: readonly string[] | undefined): string {
  return chain?.join(', ') ?? '';
}

/**
 * A variant's value as its field shows it; `null` when it has none. Boolean flags' variants
 * carry no value.
 *
 * @example
 * valueText({ a: 1 }, 'json'); // '{\n  "a": 1\n}'
 */
export function valueText(value: unknown, type: FlagType): string | null {
  if (value === undefined || type === 'boolean') return null;
  if (type === 'string' && typeof value === 'string') return value;
  if (type === 'number' && typeof value === 'number') return String(value);
  return JSON.stringify(value, null, 2);
}

/**
 * A variant's value typed by a person, read by the flag's type: a string as typed, a number,
 * or JSON. Blank leaves the value out (for strings, only when it never had one).
 *
 * @example
 * parseValue('{"a": 1}', 'json'); // { value: { a: 1 } }
 * parseValue('{a: 1}', 'json'); // { problem: 'is not valid JSON: …' }
 */
export function parseValue(text: string | null, type: FlagType): Parsed<unknown> {
  if (text === null || type === 'boolean') return { value: undefined };
  if (type === 'string') return { value: text };
  if (text.trim() === '') return { value: undefined };
  if (type === 'number') return isNumber(text) ? { value: Number(text) } : { problem: 'enter a number' };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { problem: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
