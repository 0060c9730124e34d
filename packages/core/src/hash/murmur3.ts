/**
 * MurmurHash3 x86_32 over the UTF-8 bytes of a string.
 *
 * Why not the `murmurhash` package: its `v3` runs TextEncoder on every call to be correct for
 * non-ASCII input, which costs about 0.6–1.2 µs per hash here, several times the whole budget
 * of a rollout evaluation (`bench/hash.ts` measures both). Bucketing always hashes
 * `salt + ":" + unit`, so the state after the salt is prepared once per rule
 * ({@link prepareHash}), and evaluation hashes only the unit, four ASCII characters per block,
 * straight from their char codes. A unit with any other character takes the general path,
 * which encodes it to UTF-8 (lone surrogates as U+FFFD, as TextEncoder does).
 * `murmur3.test.ts` checks both paths against the package fed TextEncoder's bytes.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function scramble(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixBlock(h: number, k: number): number {
  h ^= scramble(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, tail: number, tailBits: number, byteLength: number): number {
  if (tailBits !== 0) h ^= scramble(tail);
  h ^= byteLength;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The UTF-8 bytes of `text`, lone surrogates as U+FFFD. */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return bytes;
}

/** The hash state after a prefix: the whole blocks mixed in, the 0–3 bytes left over pending. */
export interface HashPrefix {
  readonly text: string;
  readonly seed: number;
  readonly state: number;
  readonly tail: number;
  readonly tailBits: number;
  readonly byteLength: number;
}

/**
 * Prepares the hash of every string that starts with `prefix`.
 *
 * @example
 * hashWithPrefix(prepareHash('new-checkout:', 0), '1') === murmur3('new-checkout:1', 0); // true
 */
export function prepareHash(prefix: string, seed: number): HashPrefix {
  return { ...absorb(utf8Bytes(prefix), seed), text: prefix };
}

/** Mixes in the whole blocks of `bytes`; the 0–3 bytes left over stay pending. */
function absorb(bytes: readonly number[], seed: number): HashPrefix {
  let state = seed | 0;
  const whole = bytes.length - (bytes.length & 3);
  for (let i = 0; i < whole; i += 4) {
    state = mixBlock(
      state,
      (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24),
    );
  }
  let tail = 0;
  let tailBits = 0;
  for (let i = whole; i < bytes.length; i++, tailBits += 8) tail |= (bytes[i] ?? 0) << tailBits;
  return { text: '', seed, state, tail, tailBits, byteLength: bytes.length };
}

/** The general path, for a unit with a character outside ASCII. */
function hashEncoded(prefix: HashPrefix, unit: string): number {
  const { state, tail, tailBits, byteLength } = absorb(utf8Bytes(prefix.text + unit), prefix.seed);
  return finish(state, tail, tailBits, byteLength);
}

/**
 * MurmurHash3 x86_32 of `prefix.text + unit`, unsigned, without building that string.
 *
 * @example
 * hashWithPrefix(prepareHash('new-checkout:', 0), '42'); // 4094389673
 */
export function hashWithPrefix(prefix: HashPrefix, unit: string): number {
  let h = prefix.state;
  let k = prefix.tail;
  let bits = prefix.tailBits;
  const n = unit.length;
  let i = 0;
  // Complete the block the prefix left open, then take whole blocks of four characters.
  for (; bits !== 0 && bits !== 32 && i < n; i++, bits += 8) {
    const c = unit.charCodeAt(i);
    if (c >= 0x80) return hashEncoded(prefix, unit);
    k |= c << bits;
  }
  if (bits === 32) {
    h = mixBlock(h, k);
    k = 0;
    bits = 0;
  }
  const end = n - ((n - i) & 3);
  for (; i < end; i += 4) {
    const c0 = unit.charCodeAt(i);
    const c1 = unit.charCodeAt(i + 1);
    const c2 = unit.charCodeAt(i + 2);
    const c3 = unit.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) >= 0x80) return hashEncoded(prefix, unit);
    h = mixBlock(h, c0 | (c1 << 8) | (c2 << 16) | (c3 << 24));
  }
  for (; i < n; i++, bits += 8) {
    const c = unit.charCodeAt(i);
    if (c >= 0x80) return hashEncoded(prefix, unit);
    k |= c << bits;
  }
  return finish(h, k, bits, prefix.byteLength + n);
}

/**
 * MurmurHash3 x86_32 of the UTF-8 bytes of `input`, as an unsigned 32-bit integer.
 *
 * @example
 * murmur3('new-checkout:1', 0); // 563728755
 */
export function murmur3(input: string, seed: number): number {
  return hashWithPrefix(absorb([], seed), input);
}
