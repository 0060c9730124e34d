import { unreadable, type OperatorCompiler } from './types';

type NumberComparison = (value: number, operand: number) => boolean;

function compileNumeric(compare: NumberComparison): OperatorCompiler {
  return (values) => {
    const operand = Number(values[0]);
    if (Number.isNaN(operand)) return unreadable(`values[0] is not a number: ${JSON.stringify(values[0] ?? null)}`);
    // NaN compares false with everything, so an unreadable attribute is false without a branch.
    return { test: (value) => compare(Number(value), operand) };
  };
}

export const compileNumEq = compileNumeric((value, operand) => value === operand);
export const compileNumGt = compileNumeric((value, operand) => value > operand);
export const compileNumGte = compileNumeric((value, operand) => value >= operand);
export const compileNumLt = compileNumeric((value, operand) => value < operand);
export const compileNumLte = compileNumeric((value, operand) => value <= operand);
