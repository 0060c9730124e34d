const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of `bytes` when they are valid UTF-8, else `undefined` (never U+FFFD in their place).
 *
 * @example
 * decodeUtf8(new Uint8Array([0x63, 0x61, 0x66, 0xe9])); // undefined: Latin-1, not UTF-8
 */
export function decodeUtf8(bytes: ArrayBuffer | Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}
