import type { Schemas } from '../api.js';

export type Operator = Schemas['ConditionInput']['operator'];

/** How an operator reads its operand, which decides the input the editor shows. */
export type OperandKind = 'list' | 'cidr' | 'number' | 'date' | 'semver' | 'regex';

interface OperatorInfo {
  /** Read after the attribute: "plan is one of pro, team". */
  label: string;
  kind: OperandKind;
  /** Whether `caseInsensitive` changes anything. */
  caseInsensitive: boolean;
}

/** Every operator of the flag model, in the order the editor offers them. */
export const OPERATOR_INFO: Readonly<Record<Operator, OperatorInfo>> = {
  in: { label: 'is one of', kind: 'list', caseInsensitive: true },
  not_in: { label: 'is not one of', kind: 'list', caseInsensitive: true },
  str_contains: { label: 'contains', kind: 'list', caseInsensitive: true },
  str_starts_with: { label: 'starts with', kind: 'list', caseInsensitive: true },
  str_ends_with: { label: 'ends with', kind: 'list', caseInsensitive: true },
  num_eq: { label: '=', kind: 'number', caseInsensitive: false },
  num_gt: { label: '>', kind: 'number', caseInsensitive: false },
  num_gte: { label: '≥', kind: 'number', caseInsensitive: false },
  num_lt: { label: '<', kind: 'number', caseInsensitive: false },
  num_lte: { label: '≤', kind: 'number', caseInsensitive: false },
  date_after: { label: 'is after', kind: 'date', caseInsensitive: false },
  date_before: { label: 'is before', kind: 'date', caseInsensitive: false },
  semver_eq: { label: 'is version', kind: 'semver', caseInsensitive: false },
  semver_gt: { label: 'is a version after', kind: 'semver', caseInsensitive: false },
  semver_gte: { label: 'is version or after', kind: 'semver', caseInsensitive: false },
  semver_lt: { label: 'is a version before', kind: 'semver', caseInsensitive: false },
  semver_lte: { label: 'is version or before', kind: 'semver', caseInsensitive: false },
  regex: { label: 'matches', kind: 'regex', caseInsensitive: true },
  in_cidr: { label: 'is in network', kind: 'cidr', caseInsensitive: false },
};

/** Every operator, in the order the editor offers them (the record above names each once). */
export const OPERATORS = Object.keys(OPERATOR_INFO) as Operator[];

/** Operators that read every entry of `values`; the others read only the first. */
export function readsList(operator: Operator): boolean {
  const { kind } = OPERATOR_INFO[operator];
  return kind === 'list' || kind === 'cidr';
}

/**
 * Whether a string names an operator of the flag model.
 *
 * @example
 * isOperator('semver_gt'); // true
 */
export function isOperator(value: string): value is Operator {
  return Object.hasOwn(OPERATOR_INFO, value);
}
