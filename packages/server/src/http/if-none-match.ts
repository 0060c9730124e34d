/**
 * Whether an `If-None-Match` header names the current entity tag, so the answer is 304 (RFC
 * 9110: weak comparison, a list of tags, or `*` for any).
 *
 * @example
 * ifNoneMatchHolds('W/"abc", "def"', '"abc"'); // true
 * ifNoneMatchHolds(undefined, '"abc"'); // false
 */
export function ifNoneMatchHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const current = opaque(etag);
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || opaque(trimmed) === current;
  });
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
