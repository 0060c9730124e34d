import { OTHER_COUNTRIES, STAFF_EMAIL_SUFFIX, TARGET_COUNTRIES } from './flags';
import { createSeededRandom } from '@rampart/core/testing';

/**
 * One user as the benchmark sees it. A type alias rather than an interface so that it is
 * assignable to the index-signature context types that the engines take.
 */
export type BenchContext = {
  readonly userId: string;
  readonly email: string;
  readonly country: string;
};

export const CONTEXT_COUNT = 100_000;
export const CONTEXT_SEED = 0x5eed;

/** The share of contexts whose email is at {@link STAFF_EMAIL_SUFFIX}. */
const STAFF_SHARE = 0.1;
const OTHER_DOMAINS = ['@mail.test', '@corp.test', '@example.org', '@shop.test'] as const;
const COUNTRIES: readonly string[] = [...TARGET_COUNTRIES, ...OTHER_COUNTRIES];

/** Seedable, so every child process builds the same contexts. */
export const createRandom = createSeededRandom;

/**
 * A flat copy of `text`. Concatenation makes a V8 cons string, whose `charCodeAt` and
 * `endsWith` are slower; attributes parsed from JSON or a request are flat, so these are too.
 */
export function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

function hex(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** A UUID-shaped id: the usual look of a `userId`, and ASCII so every engine hashes it alike. */
function userId(random: () => number): string {
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${pick(['8', '9', 'a', 'b'], random)}${hex(random, 3)}-${hex(random, 12)}`;
}

/**
 * Builds `count` contexts with distinct user ids, about 10 % of emails at
 * {@link STAFF_EMAIL_SUFFIX} and countries drawn evenly from 20 (10 of them targeted).
 */
export function generateContexts(count = CONTEXT_COUNT, seed = CONTEXT_SEED): BenchContext[] {
  const random = createRandom(seed);
  const seen = new Set<string>();
  const contexts: BenchContext[] = [];
  while (contexts.length < count) {
    const id = userId(random);
    if (seen.has(id)) continue;
    seen.add(id);
    const local = `user.${hex(random, 6)}`;
    const domain = random() < STAFF_SHARE ? STAFF_EMAIL_SUFFIX : pick(OTHER_DOMAINS, random);
    contexts.push({ userId: flat(id), email: flat(`${local}${domain}`), country: pick(COUNTRIES, random) });
  }
  return contexts;
}
