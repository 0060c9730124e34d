import type { BenchContext } from '../contexts';
import {
  FLAG_KEYS,
  ROLLOUT_PERCENTAGE,
  STAFF_EMAIL_SUFFIX,
  TARGET_COUNTRIES,
  TARGET_ROLLOUT_PERCENTAGE,
  type FlagKey,
} from '../flags';
import { bindEngine, type CreateEngine } from './engine';

/**
 * The floor: what a hand-written evaluator specialised for these three flags costs. A Map
 * lookup, then at most an `endsWith`, a Set lookup and one MurmurHash3 of `${salt}:${userId}`
 * with a compare. It is exact for ASCII ids only (those used here); Rampart encodes UTF-8.
 */
type FloorFlag =
  | { readonly kind: 'everyone' }
  | { readonly kind: 'rollout'; readonly prefix: string; readonly threshold: number }
  | {
      readonly kind: 'targeted';
      readonly suffix: string;
      readonly countries: ReadonlySet<string>;
      readonly prefix: string;
      readonly threshold: number;
    };

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function byteAt(prefix: string, rest: string, i: number): number {
  return (i < prefix.length ? prefix.charCodeAt(i) : rest.charCodeAt(i - prefix.length)) & 0xff;
}

function block(text: string, i: number): number {
  return (
    (text.charCodeAt(i) & 0xff) |
    ((text.charCodeAt(i + 1) & 0xff) << 8) |
    ((text.charCodeAt(i + 2) & 0xff) << 16) |
    ((text.charCodeAt(i + 3) & 0xff) << 24)
  );
}

/**
 * MurmurHash3 x86_32 of `prefix + rest`, reading the low byte of each UTF-16 unit (exact for
 * ASCII). It reads the two parts in place rather than building the string: concatenation
 * makes a V8 cons string, whose `charCodeAt` costs more than the hash itself.
 */
export function murmur3Ascii(prefix: string, rest: string, seed: number): number {
  const prefixLength = prefix.length;
  const length = prefixLength + rest.length;
  const body = length - (length & 3);
  let h = seed | 0;
  let i = 0;
  for (; i + 4 <= prefixLength; i += 4) h = mixBlock(h, block(prefix, i));
  // the block that straddles the two parts, if any
  if (i < prefixLength && i + 4 <= body) {
    h = mixBlock(
      h,
      byteAt(prefix, rest, i) |
        (byteAt(prefix, rest, i + 1) << 8) |
        (byteAt(prefix, rest, i + 2) << 16) |
        (byteAt(prefix, rest, i + 3) << 24),
    );
    i += 4;
  }
  for (; i < body; i += 4) h = mixBlock(h, block(rest, i - prefixLength));
  const tail = length - i;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= byteAt(prefix, rest, i + 2) << 16;
    if (tail >= 2) k ^= byteAt(prefix, rest, i + 1) << 8;
    k ^= byteAt(prefix, rest, i);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** positionMilli from the model: 0 .. 99 999, compared with percentage × 1000. */
function inRollout(prefix: string, userId: string, threshold: number): boolean {
  const h = murmur3Ascii(prefix, userId, 0);
  return (h % 100) * 1000 + (Math.floor(h / 100) % 1000) < threshold;
}

function floorFlags(): Map<FlagKey, FloorFlag> {
  const flags = new Map<FlagKey, FloorFlag>();
  for (const key of FLAG_KEYS) {
    // salt = flag key, as in every other engine's configuration
    const prefix = `${key}:`;
    switch (key) {
      case 'simple':
        flags.set(key, { kind: 'everyone' });
        break;
      case 'rollout25':
        flags.set(key, { kind: 'rollout', prefix, threshold: ROLLOUT_PERCENTAGE * 1000 });
        break;
      case 'targeted':
        flags.set(key, {
          kind: 'targeted',
          suffix: STAFF_EMAIL_SUFFIX,
          countries: new Set<string>(TARGET_COUNTRIES),
          prefix,
          threshold: TARGET_ROLLOUT_PERCENTAGE * 1000,
        });
        break;
    }
  }
  return flags;
}

export const createFloorEngine: CreateEngine = async (contexts) => {
  const flags = floorFlags();
  return bindEngine(contexts, (flagKey, context: BenchContext) => {
    const flag = flags.get(flagKey);
    if (flag === undefined) return false;
    switch (flag.kind) {
      case 'everyone':
        return true;
      case 'rollout':
        return inRollout(flag.prefix, context.userId, flag.threshold);
      case 'targeted':
        return (
          context.email.endsWith(flag.suffix) ||
          (flag.countries.has(context.country) && inRollout(flag.prefix, context.userId, flag.threshold))
        );
    }
  });
};
