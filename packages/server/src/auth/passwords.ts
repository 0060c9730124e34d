import { argon2idAsync } from '@noble/hashes/argon2.js';
import { randomBase64Url, type RandomSource } from '../base/random.js';
import { constantTimeEqual } from './digest.js';

/** argon2id's cost: memory in KiB, passes, lanes. */
export interface PasswordCost {
  memoryKiB: number;
  passes: number;
}

/** OWASP's recommended minimum for argon2id: 19 MiB, two passes, one lane (about 0.2–0.7 s a hash). */
export const DEFAULT_PASSWORD_COST: PasswordCost = { memoryKiB: 19_456, passes: 2 };

/** The shortest and longest passwords accepted. */
export const PASSWORD_LENGTH = { min: 12, max: 200 } as const;

/**
 * Hashes a password with argon2id (`@noble/hashes`, audited and free of native code, so the
 * app runs on any runtime) and a random 128-bit salt, in the PHC string form that every
 * argon2 library reads: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`.
 *
 * @example
 * const stored = await hashPassword('correct horse battery staple', cryptoRandom);
 */
export async function hashPassword(
  password: string,
  random: RandomSource,
  cost: PasswordCost = DEFAULT_PASSWORD_COST,
): Promise<string> {
  const salt = randomBase64Url(random, 16);
  const hash = await derive(password, salt, cost);
  return `$argon2id$v=19$m=${cost.memoryKiB},t=${cost.passes},p=1$${salt}$${hash}`;
}

/**
 * Whether `password` is the one `stored` was made from, with the cost recorded in `stored`;
 * `false` for anything that is not a hash this module made.
 *
 * @example
 * if (!(await verifyPassword(input, user.passwordHash))) throw unauthorized;
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=1\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{43})$/.exec(
    stored,
  );
  if (match === null) return false;
  const [, memory, passes, salt, expected] = match;
  const cost = { memoryKiB: Number(memory), passes: Number(passes) };
  return constantTimeEqual(await derive(password, salt ?? '', cost), expected ?? '');
}

/**
 * At most this many hashes at once in the process: each holds its memory cost (19 MiB) while it
 * runs and takes the CPU from everything else, so a burst of sign-ins waits in line instead.
 */
const MAX_CONCURRENT_HASHES = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function derive(password: string, salt: string, cost: PasswordCost): Promise<string> {
  // A slot is handed straight to the next in line, so there are never more than the maximum.
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await argon2id(password, salt, cost);
  } finally {
    const next = waiting.shift();
    if (next === undefined) running--;
    else next();
  }
}

async function argon2id(password: string, salt: string, cost: PasswordCost): Promise<string> {
  const bytes = await argon2idAsync(new TextEncoder().encode(password), new TextEncoder().encode(salt), {
    m: cost.memoryKiB,
    t: cost.passes,
    p: 1,
    dkLen: 32,
  });
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
