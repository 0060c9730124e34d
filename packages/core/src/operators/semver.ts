import SemVer from 'semver/classes/semver.js';
import { unreadable, type OperatorCompiler } from './types';

/**
 * A strict SemVer 2.0 version, or `undefined`. The `semver` package tolerates a leading `v` or
 * `=` and surrounding spaces; the model does not, so those are refused before parsing.
 */
export function parseStrictSemver(text: string): SemVer | undefined {
  if (text.length === 0 || text.length > 256 || /^[v=]|\s/.test(text)) return undefined;
  try {
    return new SemVer(text);
  } catch {
    return undefined;
  }
}

type OrderTest = (order: number) => boolean;

function compileSemver(holds: OrderTest): OperatorCompiler {
  return (values) => {
    const operand = parseStrictSemver(values[0] ?? '');
    if (operand === undefined)
      return unreadable(`values[0] is not a semantic version: ${JSON.stringify(values[0] ?? null)}`);
    return {
      test: (value) => {
        const version = parseStrictSemver(value);
        return version !== undefined && holds(version.compare(operand));
      },
    };
  };
}

export const compileSemverEq = compileSemver((order) => order === 0);
export const compileSemverGt = compileSemver((order) => order > 0);
export const compileSemverGte = compileSemver((order) => order >= 0);
export const compileSemverLt = compileSemver((order) => order < 0);
export const compileSemverLte = compileSemver((order) => order <= 0);
