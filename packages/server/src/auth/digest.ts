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
 * Compares two byte arrays in time that depends only on their lengths.
 *
 * @example
 * constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])); // true
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/**
 * Hex to bytes; characters that are not hex digits read as zero, so a damaged stored hash
 * simply never matches.
 *
 * @example
 * fromHex('0aff'); // Uint8Array [10, 255]
 */
export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(Math.floor(hex.length / 2));
  for (let i = 0; i < bytes.length; i++) {
    const byte = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    bytes[i] = Number.isNaN(byte) ? 0 : byte;
  }
  return bytes;
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
