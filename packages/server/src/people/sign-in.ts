import { sha256Hex } from '../auth/digest.js';
import { DEFAULT_PASSWORD_COST, hashPassword, verifyPassword } from '../auth/passwords.js';
import { newSecret } from '../auth/person-secrets.js';
import { RampartError } from '../base/errors.js';
import type { SessionRecord, UserRecord } from '../store/store.js';
import { openSession } from './open-session.js';
import type { PeopleDeps } from './people-writes.js';

/** Failed sign-ins in a row that lock an account, and for how long. */
export const ACCOUNT_LIMIT = { failures: 5, lockMs: 15 * 60_000 } as const;
/** Failed sign-ins from one address, in one window, before it must wait. */
export const ADDRESS_LIMIT = { failures: 20, windowMs: 15 * 60_000 } as const;

/** Failed sign-ins by address (and by email without an account), in this process's memory. */
export interface AddressLimiter {
  /** When the address may try again, or `undefined` when it may now. */
  blockedUntil(address: string, now: number): number | undefined;
  /** Counts an attempt: before the password is checked, so that attempts made at once all count. */
  failed(address: string, now: number): void;
  /** Takes back the attempt of a sign-in that succeeded. */
  forgive(address: string): void;
}

/**
 * Counts failed sign-ins per address in fixed windows; bounded to 10,000 addresses.
 *
 * @example
 * const limiter = createAddressLimiter();
 */
export function createAddressLimiter(limit: { failures: number; windowMs: number } = ADDRESS_LIMIT): AddressLimiter {
  const windows = new Map<string, { start: number; failures: number }>();
  const current = (address: string, now: number) => {
    const window = windows.get(address);
    return window === undefined || now - window.start >= limit.windowMs ? undefined : window;
  };
  return {
    blockedUntil(address, now) {
      const window = current(address, now);
      return window !== undefined && window.failures >= limit.failures ? window.start + limit.windowMs : undefined;
    },
    failed(address, now) {
      if (windows.size >= 10_000) windows.clear();
      const window = current(address, now) ?? { start: now, failures: 0 };
      windows.set(address, { ...window, failures: window.failures + 1 });
    },
    forgive(address) {
      const window = windows.get(address);
      if (window !== undefined && window.failures > 0)
        windows.set(address, { ...window, failures: window.failures - 1 });
    },
  };
}

export interface SignInDeps extends PeopleDeps {
  limiter: AddressLimiter;
  /** Failed sign-ins for emails without an account, limited as accounts are, so that a lockout tells nothing. */
  unknownEmails: AddressLimiter;
}

/**
 * Checks an email and password and opens a new session: the person's earlier session in this
 * browser (`previous`, the hash of the cookie sent) is ended, so that a session id is never
 * carried across a sign-in. Failures are limited per account (stored, so across instances) and
 * per address; the answer never says whether the email exists.
 *
 * @example
 * const { token, session } = await signIn(deps, { email, password }, address, previousHash);
 */
export async function signIn(
  deps: SignInDeps,
  input: { email: string; password: string },
  address: string | undefined,
  previous: string | undefined,
): Promise<{ user: UserRecord; session: SessionRecord; token: string }> {
  const now = deps.clock.now();
  const email = input.email.toLowerCase();
  const blocked = address === undefined ? undefined : deps.limiter.blockedUntil(address, now.getTime());
  if (blocked !== undefined) throw tooMany('from this address', blocked);
  // Counted before the password is checked: attempts made at once cannot all slip past the limits.
  if (address !== undefined) deps.limiter.failed(address, now.getTime());
  const user = await deps.store.getUserByEmail(email);
  const stored = user !== undefined && !user.disabled ? user.passwordHash : null;
  if (user === undefined || stored === null) {
    const unknownBlocked = deps.unknownEmails.blockedUntil(email, now.getTime());
    if (unknownBlocked !== undefined) throw tooMany('for this account', unknownBlocked);
    deps.unknownEmails.failed(email, now.getTime());
    // Hash anyway, so that the time taken does not tell whether the email has an account.
    await verifyPassword(input.password, await dummyHash(deps));
    throw wrong();
  }
  const lockedUntil = await reserveAttempt(deps, user.id);
  if (lockedUntil !== undefined) throw tooMany('for this account', lockedUntil);
  if (!(await verifyPassword(input.password, stored))) throw wrong();
  if (address !== undefined) deps.limiter.forgive(address);
  const token = newSecret(deps.random);
  const hash = await sha256Hex(token);
  return deps.store.transaction(async (tx) => {
    const at = deps.clock.now().toISOString();
    const input = { hash, userId: user.id, method: 'password' as const, at, ttlMs: deps.sessionTtlMs, previous };
    const session = await openSession(tx, input);
    const current = (await tx.getUser(user.id)) ?? user;
    const signedIn = { ...current, failedSignIns: 0, lockedUntil: null, lastSeenAt: at };
    await tx.updateUser(signedIn);
    return { user: signedIn, session, token };
  });
}

/**
 * Counts one attempt on the account before its password is checked, in a transaction (so
 * across instances, and attempts made at once are counted one after another): the attempt
 * after {@link ACCOUNT_LIMIT}`.failures` in a row locks the account and is refused. Gives when
 * the account may be tried again, or `undefined` when this attempt may go on; a success resets
 * the count.
 */
async function reserveAttempt(deps: SignInDeps, id: string): Promise<number | undefined> {
  return deps.store.transaction(async (tx) => {
    const user = await tx.getUser(id);
    if (user === undefined) return undefined;
    const now = deps.clock.now();
    if (user.lockedUntil !== null && user.lockedUntil > now.toISOString()) return Date.parse(user.lockedUntil);
    const attempts = (user.lockedUntil === null ? user.failedSignIns : 0) + 1;
    if (attempts > ACCOUNT_LIMIT.failures) {
      const until = now.getTime() + ACCOUNT_LIMIT.lockMs;
      await tx.updateUser({ ...user, failedSignIns: 0, lockedUntil: new Date(until).toISOString() });
      return until;
    }
    await tx.updateUser({ ...user, failedSignIns: attempts, lockedUntil: null });
    return undefined;
  });
}

function wrong(): RampartError {
  return new RampartError('unauthorized', 'the email or the password is wrong');
}

function tooMany(what: string, until: number): RampartError {
  const at = new Date(until).toISOString();
  return new RampartError('rate_limited', `too many failed sign-ins ${what}; try again after ${at}`);
}

const dummies = new WeakMap<object, Promise<string>>();

/** A hash of nothing in particular, made once per cost, to compare against when there is no account. */
function dummyHash(deps: SignInDeps): Promise<string> {
  const cost = deps.passwordCost ?? DEFAULT_PASSWORD_COST;
  let hash = dummies.get(cost);
  if (hash === undefined) {
    hash = hashPassword('no account has this password', deps.random, cost);
    dummies.set(cost, hash);
  }
  return hash;
}
