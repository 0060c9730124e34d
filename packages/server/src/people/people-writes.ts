import { sha256Hex } from '../auth/digest.js';
import { hashPassword, type PasswordCost } from '../auth/passwords.js';
import { INVITATION_PREFIX, newPersonalToken, newSecret } from '../auth/person-secrets.js';
import { lowerRole } from '../auth/permissions.js';
import { RampartError, validationFailed } from '../base/errors.js';
import { randomId } from '../base/random.js';
import { applyChange, type Change, type Who } from '../change/apply-change.js';
import type { WriteDeps } from '../change/write-deps.js';
import type { InvitationPurpose, PersonalTokenRecord, Role, UserRecord } from '../store/store.js';

/** How long an invitation or a password reset link works. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

/** What the people routes need. */
export interface PeopleDeps extends WriteDeps {
  /** argon2id's cost; tests lower it. */
  passwordCost: PasswordCost;
  /** How long a session lasts from sign-in. */
  sessionTtlMs: number;
  /** The server's address as callers see it, for invitation links; default: the request's origin. */
  publicUrl: string | undefined;
}

export interface Invitation {
  token: string;
  expiresAt: string;
}

/** A person as the API shows them: never their password hash. */
export function publicUser(user: UserRecord) {
  const { id, email, name, role, disabled, createdAt, lastSeenAt } = user;
  return {
    id,
    email,
    name,
    role,
    disabled,
    hasPassword: user.passwordHash !== null,
    singleSignOn: user.ssoSubject !== null,
    createdAt,
    lastSeenAt,
  };
}

/** A personal access token as the API shows it: never its hash. */
export function publicToken(token: PersonalTokenRecord) {
  const { id, name, role, createdAt, expiresAt, lastUsedAt, revokedAt } = token;
  return { id, name, role, createdAt, expiresAt, lastUsedAt, revokedAt };
}

/**
 * Adds a person and gives them a one-time invitation to set their password.
 *
 * @example
 * const { user, invitation } = await createUser(deps, actor, { email: 'alice@example.com', name: 'Alice', role: 'editor' });
 */
export async function createUser(
  deps: PeopleDeps,
  actor: Who,
  input: { email: string; name: string; role: Role },
): Promise<{ user: UserRecord; invitation: Invitation }> {
  return applyChange(deps, actor, async (change) => {
    const email = input.email.toLowerCase();
    if ((await change.tx.getUserByEmail(email)) !== undefined)
      throw validationFailed([{ path: 'email', message: `a person with the email ${email} exists` }]);
    const user: UserRecord = {
      id: randomId(deps.random, 16),
      email,
      name: input.name,
      role: input.role,
      passwordHash: null,
      disabled: false,
      ssoSubject: null,
      failedSignIns: 0,
      lockedUntil: null,
      createdAt: change.at,
      updatedAt: change.at,
      lastSeenAt: null,
    };
    await change.tx.insertUser(user);
    await auditUser(change, 'user.created', null, user);
    return { user, invitation: await invite(change, deps, user, 'invite') };
  });
}

/**
 * Replaces a person's invitations with a new one, to set a new password; the old password
 * works until the new one is set.
 *
 * @example
 * const invitation = await resetPassword(deps, actor, userId);
 */
export async function resetPassword(deps: PeopleDeps, actor: Who, id: string): Promise<Invitation> {
  return applyChange(deps, actor, async (change) => invite(change, deps, await existing(change, id), 'reset'));
}

/**
 * Changes a person's name, role or whether they are disabled. Disabling signs them out
 * everywhere (their sessions are deleted) and stops their tokens (which check their owner).
 *
 * @example
 * await updateUser(deps, actor, userId, { disabled: true });
 */
export async function updateUser(
  deps: PeopleDeps,
  actor: Who,
  id: string,
  update: { name?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined },
  self: string | undefined,
): Promise<UserRecord> {
  return applyChange(deps, actor, async (change) => {
    const current = await existing(change, id);
    if (id === self && (update.disabled === true || (update.role !== undefined && update.role !== 'admin')))
      throw new RampartError('conflict', 'you cannot disable yourself or lower your own role; ask another admin');
    const next: UserRecord = {
      ...current,
      name: update.name ?? current.name,
      role: update.role ?? current.role,
      disabled: update.disabled ?? current.disabled,
      updatedAt: change.at,
    };
    await change.tx.updateUser(next);
    if (next.disabled && !current.disabled) {
      // Signed out everywhere, and every token revoked for good: enabling again does not bring them back.
      await change.tx.deleteSessions(id);
      for (const token of await change.tx.listPersonalTokens(id))
        if (token.revokedAt === null) await change.tx.updatePersonalToken({ ...token, revokedAt: change.at });
    }
    await auditUser(change, 'user.updated', current, next);
    return next;
  });
}

/**
 * Deletes a person with their sessions, tokens and invitations; their audit entries stay.
 *
 * @example
 * await deleteUser(deps, actor, userId, self);
 */
export async function deleteUser(
  deps: WriteDeps,
  actor: Who,
  id: string,
  self: string | undefined,
): Promise<UserRecord> {
  return applyChange(deps, actor, async (change) => {
    const current = await existing(change, id);
    if (id === self) throw new RampartError('conflict', 'you cannot delete yourself; ask another admin');
    await change.tx.deleteUser(id);
    await auditUser(change, 'user.deleted', current, null);
    return current;
  });
}

/**
 * Sets a password with an invitation's token, once. A reset's new password also signs the
 * person out everywhere.
 *
 * @example
 * await acceptInvitation(deps, 'rpi_…', 'correct horse battery staple');
 */
export async function acceptInvitation(deps: PeopleDeps, token: string, password: string): Promise<UserRecord> {
  const hash = await sha256Hex(token);
  const invitation = token.startsWith(INVITATION_PREFIX) ? await deps.store.getInvitationByHash(hash) : undefined;
  const refused = new RampartError(
    'not_found',
    'this invitation is unknown, used or expired; ask an admin for a new one',
  );
  if (invitation === undefined || invitation.usedAt !== null || invitation.expiresAt <= deps.clock.now().toISOString())
    throw refused;
  const user = await deps.store.getUser(invitation.userId);
  if (user === undefined) throw refused;
  // Hashed only for a live invitation: nobody without one makes the server spend a hash.
  const passwordHash = await hashPassword(password, deps.random, deps.passwordCost);
  return applyChange(deps, { name: user.email, via: 'ui' }, async (change) => {
    const current = await change.tx.getInvitationByHash(hash);
    const person = await change.tx.getUser(invitation.userId);
    if (current === undefined || current.usedAt !== null || current.expiresAt <= change.at || person === undefined)
      throw refused;
    if (person.disabled) throw new RampartError('forbidden', 'this account is disabled');
    await change.tx.updateInvitation({ ...current, usedAt: change.at });
    const next = { ...person, passwordHash, failedSignIns: 0, lockedUntil: null, updatedAt: change.at };
    await change.tx.updateUser(next);
    if (current.purpose === 'reset') await change.tx.deleteSessions(person.id);
    await change.audit({
      action: 'user.password_set',
      targetKind: 'user',
      target: person.id,
      before: null,
      after: null,
      reason: current.purpose === 'reset' ? 'password reset' : 'invitation accepted',
    });
    return next;
  });
}

/**
 * Creates a personal access token for the signed-in person, never above their role nor above
 * the role of the credential that asks (`acting`: a session's is the person's, a token's its own).
 *
 * @example
 * const { record, token } = await createToken(deps, principal.actor, user, { name: 'laptop CLI' }, principal.role);
 */
export async function createToken(
  deps: WriteDeps,
  actor: Who,
  user: UserRecord,
  input: { name: string; role?: Role | undefined; expiresInDays?: number | undefined },
  acting: Role,
): Promise<{ record: PersonalTokenRecord; token: string }> {
  // Never above the owner, nor above the credential asking: a viewer token cannot mint an admin one.
  const ceiling = lowerRole(acting, user.role);
  const role = input.role ?? ceiling;
  if (lowerRole(role, ceiling) !== role)
    throw validationFailed([
      { path: 'role', message: `a token cannot do more than ${ceiling}, the role it is made with` },
    ]);
  const { id, token } = newPersonalToken(deps.random);
  const hash = await sha256Hex(token);
  return applyChange(deps, actor, async (change) => {
    const expiresAt =
      input.expiresInDays === undefined
        ? null
        : new Date(Date.parse(change.at) + input.expiresInDays * 86_400_000).toISOString();
    const record: PersonalTokenRecord = {
      id,
      userId: user.id,
      name: input.name,
      role,
      hash,
      createdAt: change.at,
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    };
    await change.tx.insertPersonalToken(record);
    await change.audit({
      action: 'token.created',
      targetKind: 'user',
      target: user.id,
      before: null,
      after: publicToken(record),
    });
    return { record, token };
  });
}

/**
 * Revokes one of a person's tokens.
 *
 * @example
 * await revokeToken(deps, actor, userId, tokenId);
 */
export async function revokeToken(
  deps: WriteDeps,
  actor: Who,
  userId: string,
  id: string,
): Promise<PersonalTokenRecord> {
  return applyChange(deps, actor, async (change) => {
    const current = await change.tx.getPersonalToken(id);
    if (current?.userId !== userId) throw new RampartError('not_found', `you have no token '${id}'`);
    if (current.revokedAt !== null) return current;
    const next = { ...current, revokedAt: change.at };
    await change.tx.updatePersonalToken(next);
    await change.audit({
      action: 'token.revoked',
      targetKind: 'user',
      target: userId,
      before: publicToken(current),
      after: publicToken(next),
    });
    return next;
  });
}

async function invite(
  change: Change,
  deps: PeopleDeps,
  user: UserRecord,
  purpose: InvitationPurpose,
): Promise<Invitation> {
  const token = newSecret(deps.random, INVITATION_PREFIX);
  const expiresAt = new Date(Date.parse(change.at) + INVITATION_TTL_MS).toISOString();
  await change.tx.deleteInvitations(user.id);
  await change.tx.insertInvitation({
    id: randomId(deps.random, 16),
    userId: user.id,
    hash: await sha256Hex(token),
    purpose,
    createdBy: change.actor,
    createdAt: change.at,
    expiresAt,
    usedAt: null,
  });
  await change.audit({
    action: 'user.invited',
    targetKind: 'user',
    target: user.id,
    before: null,
    after: { email: user.email, purpose, expiresAt },
  });
  return { token, expiresAt };
}

async function existing(change: Change, id: string): Promise<UserRecord> {
  const user = await change.tx.getUser(id);
  if (user === undefined) throw new RampartError('not_found', `user '${id}' does not exist`);
  return user;
}

async function auditUser(
  change: Change,
  action: 'user.created' | 'user.updated' | 'user.deleted',
  before: UserRecord | null,
  after: UserRecord | null,
): Promise<void> {
  await change.audit({
    action,
    targetKind: 'user',
    target: (after ?? before)?.id ?? '',
    before: before === null ? null : publicUser(before),
    after: after === null ? null : publicUser(after),
  });
}
