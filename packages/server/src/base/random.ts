/** Fills `bytes` with cryptographically strong random values and returns it (like `crypto.getRandomValues`). */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;

/** Web Crypto's random values, which every runtime has. */
export const cryptoRandom: RandomSource = (bytes) => crypto.getRandomValues(bytes);

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * A random identifier of `length` characters from a 32-letter alphabet (5 bits each).
 *
 * @example
 * randomId(crypto.getRandomValues.bind(crypto), 16); // 'q3k7...'
 */
export function randomId(random: RandomSource, length: number): string {
  let id = '';
  for (const byte of random(new Uint8Array(length))) id += ALPHABET[byte & 31];
  return id;
}

/**
 * `byteCount` random bytes as unpadded base64url.
 *
 * @example
 * randomBase64Url(crypto.getRandomValues.bind(crypto), 32).length; // 43
 */
export function randomBase64Url(random: RandomSource, byteCount: number): string {
  let binary = '';
  for (const byte of random(new Uint8Array(byteCount))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
