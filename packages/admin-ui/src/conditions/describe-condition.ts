import type { Schemas } from '../api.js';
import { isOperator, OPERATOR_INFO } from './operators.js';

/** How many entries of a long list are named before "and N more". */
const SHOWN = 5;

/**
 * A list of values for people: quoted when a value has spaces or is empty, the first few of a
 * long list (cohorts can hold 100 000 ids).
 *
 * @example
 * describeValues(['pro', 'team']); // 'pro, team'
 */
export function describeValues(values: readonly string[]): string {
  const named = values.slice(0, SHOWN).map((value) => (value === '' || /[\s,]/.test(value) ? `"${value}"` : value));
  const more = values.length - named.length;
  if (named.length === 0) return 'nothing';
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}

/**
 * A condition as a sentence, for read-only views and summaries.
 *
 * @example
 * describeCondition({ attribute: 'plan', operator: 'in', values: ['pro', 'team'], caseInsensitive: true });
 * // 'plan is one of pro, team (any case)'
 */
export function describeCondition(condition: Schemas['Condition']): string {
  const { attribute, operator, values } = condition;
  const known = isOperator(operator) ? OPERATOR_INFO[operator] : undefined;
  const operand =
    known === undefined || known.kind === 'list' || known.kind === 'cidr' ? describeValues(values) : values[0];
  const sentence = `${attribute} ${known?.label ?? operator} ${operand ?? ''}`.trim();
  const notes = [
    ...(condition.negate === true ? ['negated'] : []),
    ...(condition.caseInsensitive === true && known?.caseInsensitive === true ? ['any case'] : []),
  ];
  return notes.length === 0 ? sentence : `${sentence} (${notes.join(', ')})`;
}
