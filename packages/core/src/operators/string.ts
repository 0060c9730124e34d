import type { Matcher, OperatorCompiler } from './types';

/**
 * Each operator gets its own closures rather than one generic closure over a predicate: the
 * call from evaluation then reaches `endsWith` directly, with one operand (the common case)
 * tested without a loop.
 */
function caseFolded(build: (operands: readonly string[]) => Matcher): OperatorCompiler {
  return (values, caseInsensitive) => {
    if (!caseInsensitive) return { test: build(values) };
    const test = build(values.map((value) => value.toLowerCase()));
    return { test: (value) => test(value.toLowerCase()) };
  };
}

export const compileContains = caseFolded((operands) => {
  const [only] = operands;
  if (operands.length === 1 && only !== undefined) return (value) => value.includes(only);
  return (value) => operands.some((operand) => value.includes(operand));
});

export const compileStartsWith = caseFolded((operands) => {
  const [only] = operands;
  if (operands.length === 1 && only !== undefined) return (value) => value.startsWith(only);
  return (value) => operands.some((operand) => value.startsWith(operand));
});

export const compileEndsWith = caseFolded((operands) => {
  const [only] = operands;
  if (operands.length === 1 && only !== undefined) return (value) => value.endsWith(only);
  return (value) => operands.some((operand) => value.endsWith(operand));
});
