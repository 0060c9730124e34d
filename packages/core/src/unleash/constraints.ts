import type { Condition } from '../model';
import type { UnleashConstraint } from './types';

/** Operators whose operand is Unleash's `values` list; the rest read the single `value`. */
const LIST_OPERATORS = new Set(['IN', 'NOT_IN', 'STR_CONTAINS', 'STR_STARTS_WITH', 'STR_ENDS_WITH', 'IN_CIDR']);

function listValues(values: unknown[] | undefined): string[] {
  return (values ?? [])
    .filter((value) => value !== '' && value !== null && value !== undefined)
    .map((value) => String(value).trim());
}

/**
 * An Unleash constraint as a condition. `DATE_*` always read `currentTime`, as Unleash does;
 * `caseInsensitive` on `IN`/`NOT_IN` is dropped because Unleash ignores it there.
 *
 * @example
 * fromUnleashConstraint({ contextName: 'plan', operator: 'IN', values: ['pro '] });
 * // { attribute: 'plan', operator: 'in', values: ['pro'], negate: false, caseInsensitive: false }
 */
export function fromUnleashConstraint(constraint: UnleashConstraint): Condition {
  const operator = String(constraint.operator ?? '');
  const isList = LIST_OPERATORS.has(operator);
  const single = constraint.value === undefined || constraint.value === null ? [] : [String(constraint.value)];
  return {
    attribute: operator.startsWith('DATE_') ? 'currentTime' : String(constraint.contextName ?? ''),
    operator: operator.toLowerCase(),
    values: isList ? listValues(constraint.values) : single,
    negate: constraint.inverted === true,
    caseInsensitive: operator !== 'IN' && operator !== 'NOT_IN' && constraint.caseInsensitive === true,
  };
}
