import { nearest } from './suggest.js';

/** Something named by a generated id, which people also know by its name. */
export interface Named {
  id: string;
  name: string;
}

/**
 * For an id that matches nothing: the items whose id or name is nearest to it (people often
 * type the name), each as its id with its name; or a pointer to where they are listed.
 *
 * @example
 * didYouMeanId('checkout', [{ id: 'q3k7m2xa9wbt', name: 'checkout-api' }], 'rampart keys list');
 * // "did you mean 'q3k7m2xa9wbt' (checkout-api)?"
 */
export function didYouMeanId(word: string, items: readonly Named[], list: string): string {
  const near = new Set([
    ...nearest(
      word,
      items.map((item) => item.id),
    ),
    ...nearest(
      word,
      items.map((item) => item.name),
    ),
  ]);
  const found = items.filter((item) => near.has(item.id) || near.has(item.name)).slice(0, 3);
  if (found.length === 0) return `\`${list}\` lists them`;
  const names = found.map((item) => `'${item.id}' (${item.name})`);
  return `did you mean ${names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]}?`;
}
