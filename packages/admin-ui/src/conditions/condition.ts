import type { Schemas } from '../api.js';
import { isNumber, isSemver, listValues } from './operand.js';
import { isOperator, OPERATOR_INFO, readsList } from './operators.js';

/** A condition as the editors hold it: the API's input shape (operands are strings already). */
export type ConditionDraft = Schemas['ConditionInput'];

/** A problem the editor found before sending, placed like the server's `error.details`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A new condition: an empty attribute, `in`, no values. */
export const NEW_CONDITION: ConditionDraft = { attribute: '', operator: 'in', values: [] };

/**
 * A stored condition as the editor holds it (an operator the model does not know cannot be
 * stored, so none arrives; it would read as `in`).
 *
 * @example
 * conditionDraftOf({ attribute: 'plan', operator: 'in', values: ['pro'] });
 */
export function conditionDraftOf(condition: Schemas['Condition']): ConditionDraft {
  return {
    attribute: condition.attribute,
    operator: isOperator(condition.operator) ? condition.operator : 'in',
    values: [...condition.values],
    ...(condition.negate === undefined ? {} : { negate: condition.negate }),
    ...(condition.caseInsensitive === undefined ? {} : { caseInsensitive: condition.caseInsensitive }),
  };
}

/**
 * The condition to send: blank list entries dropped, and only the first operand of an
 * operator that reads one.
 *
 * @example
 * conditionInputOf({ attribute: 'plan', operator: 'in', values: ['pro', ''] }); // values: ['pro']
 */
export function conditionInputOf(draft: ConditionDraft): ConditionDraft {
  const values = readsList(draft.operator) ? listValues(draft.values) : draft.values.slice(0, 1);
  return { ...draft, values };
}

/**
 * What would make the server refuse a condition, at `path` (e.g. `rules.0.conditions.1`), in
 * words that say how to fix it. The server checks again (RE2 patterns, CIDR ranges).
 *
 * @example
 * conditionProblems({ attribute: 'version', operator: 'semver_gt', values: ['v1'] }, 'conditions.0');
 * // [{ path: 'conditions.0.values', message: '"v1" is not a version like 1.4.0 (no leading v)' }]
 */
export function conditionProblems(draft: ConditionDraft, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (draft.attribute.trim() === '') problems.push({ path: `${path}.attribute`, message: 'name an attribute' });
  const operand = operandProblem(conditionInputOf(draft));
  if (operand !== undefined) problems.push({ path: `${path}.values`, message: operand });
  return problems;
}

function operandProblem({ operator, values }: ConditionDraft): string | undefined {
  const first = values[0] ?? '';
  switch (OPERATOR_INFO[operator].kind) {
    case 'list':
    case 'cidr':
      return undefined; // an empty list is a condition like any other (`in` nothing never holds)
    case 'number':
      return isNumber(first) ? undefined : 'enter a number';
    case 'date':
      return first.trim() === '' ? 'enter a date and time' : undefined;
    case 'semver':
      return isSemver(first) ? undefined : `"${first}" is not a version like 1.4.0 (no leading v)`;
    case 'regex':
      return first === '' ? 'enter a pattern' : undefined;
  }
}
