/**
 * Moves focus to the element with `id` once React has rendered it: after adding a row, the
 * keyboard user lands in it; after removing or moving one, focus does not fall to the page.
 *
 * @example
 * focusSoon(fieldId(idPrefix, 'rules.2.name'));
 */
export function focusSoon(id: string): void {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}
