import type { Condition, EvaluationContext } from '../model';
import { OPERATOR_COMPILERS, isOperator, type CompiledOperand, type Matcher } from '../operators';
import { never } from '../operators/types';
import { readAttribute } from './context';
import { CALL, inlineHolds, inlineTestOf, type InlineTest } from './inline-test';
import { isRecord, stringsOf } from './shape';

export interface CompiledCondition extends InlineTest {
  attribute: string;
  /** The operand's test; evaluation calls it only for `kind === CALL`. */
  test: Matcher;
  /** The operator's answer when the attribute is missing, before `negate`. */
  whenMissing: () => boolean;
  negate: boolean;
}

/** An unknown operator, or a condition that is not an object: false, even when negated. */
const IMPOSSIBLE: CompiledCondition = {
  ...inlineTestOf('', [], true),
  attribute: '',
  test: never,
  whenMissing: never,
  negate: false,
};

const alwaysTrue = (): boolean => true;

function compileOperand(condition: Record<string, unknown>): CompiledOperand | undefined {
  const { operator } = condition;
  if (typeof operator !== 'string' || !isOperator(operator)) return undefined;
  return OPERATOR_COMPILERS[operator](stringsOf(condition.values), condition.caseInsensitive === true);
}

/** The inline description and the test, sharing one set for `in` lists (cohorts can be large). */
function compileTest(condition: Record<string, unknown>): { inline: InlineTest; test: Matcher } | undefined {
  const { operator } = condition;
  if (typeof operator !== 'string' || !isOperator(operator)) return undefined;
  const inline = inlineTestOf(operator, stringsOf(condition.values), condition.caseInsensitive === true);
  if (inline.kind !== CALL) return { inline, test: (value) => inlineHolds(inline, value) };
  const operand = compileOperand(condition);
  return operand && { inline, test: operand.test };
}

/** Prepares a condition once per snapshot; `now` serves `date_*` on a missing `currentTime`. */
export function compileCondition(condition: unknown, now: () => number): CompiledCondition {
  if (!isRecord(condition) || typeof condition.attribute !== 'string') return IMPOSSIBLE;
  const compiled = compileTest(condition);
  if (compiled === undefined) return IMPOSSIBLE;
  const { attribute, operator } = condition;
  const { inline, test } = compiled;
  let whenMissing: () => boolean = operator === 'not_in' ? alwaysTrue : never;
  if (attribute === 'currentTime' && (operator === 'date_after' || operator === 'date_before')) {
    whenMissing = () => test(new Date(now()).toISOString());
  }
  return { ...inline, attribute, test, whenMissing, negate: condition.negate === true };
}

/** Whether a compiled condition holds for a context, read over `base` (evaluation's inner loop). */
export function conditionHolds(
  condition: CompiledCondition,
  context: EvaluationContext,
  base: EvaluationContext,
): boolean {
  const value = readAttribute(context, base, condition.attribute);
  let holds: boolean;
  if (value === undefined) holds = condition.whenMissing();
  else if (condition.kind === CALL) holds = condition.test(value);
  else holds = inlineHolds(condition, value);
  return holds !== condition.negate;
}

/**
 * Why a condition cannot be evaluated as written, or `undefined` when it can. The server
 * refuses such writes; SDKs evaluate them defensively all the same.
 *
 * @example
 * conditionProblem({ attribute: 'version', operator: 'semver_gt', values: ['v1'] });
 * // 'values[0] is not a semantic version: "v1"'
 */
export function conditionProblem(condition: Condition): string | undefined {
  if (typeof condition.attribute !== 'string' || condition.attribute.length === 0)
    return 'attribute must be a non-empty string';
  if (!Array.isArray(condition.values) || !condition.values.every((value) => typeof value === 'string')) {
    return 'values must be a list of strings';
  }
  if (!isOperator(condition.operator)) return `unknown operator '${condition.operator}'`;
  return compileOperand({ ...condition })?.problem;
}
