/**
 * SHA-256 of a string's UTF-8 bytes, as lower-case hex. Secrets are ≥ 128-bit random, so a
 * fast hash is the right tool: there is nothing to brute-force.
 *
 * @example
 * await sha256Hex('abc'); // 'ba7816bf...'
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toHex(new Uint8Array(digest));
}

/**
 * Compares two strings (digests as hex) in time that depends only on their lengths, so that
 * how long a comparison takes tells nothing of how much of a digest matched.
 *
 * @example
 * constantTimeEqual(await sha256Hex(secret), record.hash);
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  // charCodeAt past the end is NaN, which `| 0` makes 0; the length term has already counted it.
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
