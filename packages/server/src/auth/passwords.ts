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

async function derive(password: string, salt: string, cost: PasswordCost): Promise<string> {
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
