/**
 * The common operands, tested inline by evaluation instead of through a compiled closure:
 * list membership and a single-operand string test, case-sensitive. One call site calling
 * many different closures cannot be inlined by V8; a switch over a small integer can, and
 * these cases make up most real targeting rules. Everything else keeps its closure (`CALL`).
 * `inline-test.test.ts` checks each case against the operator table.
 */

export const CALL = 0;
export const MEMBER = 1;
export const NOT_MEMBER = 2;
export const ENDS_WITH = 3;
export const STARTS_WITH = 4;
export const CONTAINS = 5;

export interface InlineTest {
  readonly kind: number;
  /** The one operand of the string tests. */
  readonly operand: string;
  /** The list of `in` and `not_in`. */
  readonly members: ReadonlySet<string>;
}

const NO_MEMBERS: ReadonlySet<string> = new Set();
const CALLED: InlineTest = { kind: CALL, operand: '', members: NO_MEMBERS };

const SINGLE_OPERAND: Readonly<Record<string, number>> = {
  str_ends_with: ENDS_WITH,
  str_starts_with: STARTS_WITH,
  str_contains: CONTAINS,
};

/** How a condition's operand can be tested inline, or `CALL` when it cannot. */
export function inlineTestOf(operator: string, values: readonly string[], caseInsensitive: boolean): InlineTest {
  if (caseInsensitive) return CALLED;
  if (operator === 'in' || operator === 'not_in')
    return { kind: operator === 'in' ? MEMBER : NOT_MEMBER, operand: '', members: new Set(values) };
  const kind = SINGLE_OPERAND[operator];
  const [operand] = values;
  return kind !== undefined && values.length === 1 && operand !== undefined
    ? { kind, operand, members: NO_MEMBERS }
    : CALLED;
}

/** The inline answer for a present value; only for tests whose kind is not `CALL`. */
export function inlineHolds(test: InlineTest, value: string): boolean {
  switch (test.kind) {
    case MEMBER:
      return test.members.has(value);
    case NOT_MEMBER:
      return !test.members.has(value);
    case ENDS_WITH:
      return value.endsWith(test.operand);
    case STARTS_WITH:
      return value.startsWith(test.operand);
    default:
      return value.includes(test.operand);
  }
}
