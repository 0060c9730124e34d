import type { Matcher, OperatorCompiler } from './types';

type StringPredicate = (value: string, operand: string) => boolean;

function anyOf(operands: readonly string[], predicate: StringPredicate): Matcher {
  // One operand is the common case: test it directly, without a closure per call.
  const [only] = operands;
  if (operands.length === 1 && only !== undefined) return (value) => predicate(value, only);
  return (value) => operands.some((operand) => predicate(value, operand));
}

function compileAnyOf(predicate: StringPredicate): OperatorCompiler {
  return (values, caseInsensitive) => {
    if (!caseInsensitive) return { test: anyOf(values, predicate) };
    const test = anyOf(values.map((value) => value.toLowerCase()), predicate);
    return { test: (value) => test(value.toLowerCase()) };
  };
}

export const compileContains = compileAnyOf((value, operand) => value.includes(operand));
export const compileStartsWith = compileAnyOf((value, operand) => value.startsWith(operand));
export const compileEndsWith = compileAnyOf((value, operand) => value.endsWith(operand));
