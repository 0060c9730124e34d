import type { Operator } from '../model';
import { compileInCidr } from './cidr';
import { compileDateAfter, compileDateBefore } from './date';
import { compileIn, compileNotIn } from './list';
import { compileNumEq, compileNumGt, compileNumGte, compileNumLt, compileNumLte } from './number';
import { compileRegex } from './regex';
import { compileSemverEq, compileSemverGt, compileSemverGte, compileSemverLt, compileSemverLte } from './semver';
import { compileContains, compileEndsWith, compileStartsWith } from './string';
import type { OperatorCompiler } from './types';

/** Every operator of the model, each a pure function of its operand. */
export const OPERATOR_COMPILERS: Readonly<Record<Operator, OperatorCompiler>> = {
  in: compileIn,
  not_in: compileNotIn,
  str_contains: compileContains,
  str_starts_with: compileStartsWith,
  str_ends_with: compileEndsWith,
  num_eq: compileNumEq,
  num_gt: compileNumGt,
  num_gte: compileNumGte,
  num_lt: compileNumLt,
  num_lte: compileNumLte,
  date_after: compileDateAfter,
  date_before: compileDateBefore,
  semver_eq: compileSemverEq,
  semver_gt: compileSemverGt,
  semver_gte: compileSemverGte,
  semver_lt: compileSemverLt,
  semver_lte: compileSemverLte,
  regex: compileRegex,
  in_cidr: compileInCidr,
};

export function isOperator(name: string): name is Operator {
  return Object.hasOwn(OPERATOR_COMPILERS, name);
}

export type { CompiledOperand, Matcher } from './types';
