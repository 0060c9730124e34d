import { parseIsoDate } from './iso-date';
import { unreadable, type OperatorCompiler } from './types';

type InstantComparison = (value: number, operand: number) => boolean;

function compileInstant(compare: InstantComparison): OperatorCompiler {
  return (values) => {
    const operand = parseIsoDate(values[0] ?? '');
    if (operand === undefined)
      return unreadable(`values[0] is not an ISO 8601 date: ${JSON.stringify(values[0] ?? null)}`);
    return {
      test: (value) => {
        const instant = parseIsoDate(value);
        return instant !== undefined && compare(instant, operand);
      },
    };
  };
}

export const compileDateAfter = compileInstant((value, operand) => value > operand);
export const compileDateBefore = compileInstant((value, operand) => value < operand);
