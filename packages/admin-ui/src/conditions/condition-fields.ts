/**
 * The fields of a list of conditions at `path` (`rules.#.conditions`, `conditions`), as
 * patterns for `fieldOf` (ui/field-path.ts).
 *
 * @example
 * conditionFields('conditions'); // ['conditions.#.attribute', 'conditions.#.operator', …]
 */
export function conditionFields(path: string): string[] {
  return ['attribute', 'operator', 'values', 'negate', 'caseInsensitive'].map((field) => `${path}.#.${field}`);
}
