/** Tests the attribute's value, read as `String(value)`. */
export type Matcher = (value: string) => boolean;

/** An operand prepared once per snapshot; `problem` says why it cannot be read, if it cannot. */
export interface CompiledOperand {
  test: Matcher;
  problem?: string;
}

export type OperatorCompiler = (values: readonly string[], caseInsensitive: boolean) => CompiledOperand;

export const never = (): boolean => false;

/** An operand that cannot be read: the operator is false (and `negate` makes the condition true). */
export function unreadable(problem: string): CompiledOperand {
  return { test: never, problem };
}
