/**
 * Whether an `If-Match` header value matches the current version (strong comparison, RFC 9110):
 * a list of entity tags such as `"3"` or `"3", "4"`, or `*` for any. A bare version (`3`) is
 * taken as its tag: it is what people type, and it cannot mean anything else.
 *
 * @example
 * ifMatchHolds('"3"', 3); // true
 * ifMatchHolds('3', 3); // true
 * ifMatchHolds('W/"3"', 3); // false: weak tags never match If-Match
 */
export function ifMatchHolds(header: string, version: number): boolean {
  const tags = header.split(',').map((tag) => tag.trim());
  return tags.some((tag) => tag === '*' || tag === etagOf(version) || tag === String(version));
}

/**
 * The entity tag of a configuration version.
 *
 * @example
 * etagOf(3); // '"3"'
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}
