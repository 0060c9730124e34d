import type { CompiledOperand, OperatorCompiler } from './types';

function compileMembership(values: readonly string[], caseInsensitive: boolean): CompiledOperand {
  if (caseInsensitive) {
    const members = new Set(values.map((value) => value.toLowerCase()));
    return { test: (value) => members.has(value.toLowerCase()) };
  }
  // A Set makes a cohort of 100 000 ids as cheap to test as a cohort of one.
  const members = new Set(values);
  return { test: (value) => members.has(value) };
}

export const compileIn: OperatorCompiler = compileMembership;

export const compileNotIn: OperatorCompiler = (values, caseInsensitive) => {
  const { test } = compileMembership(values, caseInsensitive);
  return { test: (value) => !test(value) };
};
