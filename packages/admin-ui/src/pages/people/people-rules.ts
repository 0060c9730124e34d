import type { Schemas } from '../../api.js';

export type Role = Schemas['User']['role'];
type User = Schemas['User'];
type Token = Schemas['PersonalToken'];

/** The roles, lowest first. */
export const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

/**
 * The roles a person may give a token: their own and those below it (the server refuses more).
 *
 * @example
 * rolesUpTo('editor'); // ['viewer', 'editor']
 */
export function rolesUpTo(role: Role): Role[] {
  return ROLES.slice(0, ROLES.indexOf(role) + 1);
}

/** The role among `ROLES` that `value` names, for a select's value. */
export function roleOf(value: string): Role | undefined {
  return ROLES.find((role) => role === value);
}

export type UserStatus = 'Disabled' | 'Invited' | 'Active';

/**
 * Where a person stands: disabled; invited (no password set and never signed in with single
 * sign-on); or active.
 */
export function userStatus(user: Pick<User, 'disabled' | 'hasPassword' | 'singleSignOn'>): UserStatus {
  if (user.disabled) return 'Disabled';
  return user.hasPassword || user.singleSignOn ? 'Active' : 'Invited';
}

export type TokenStatus = 'Active' | 'Expired' | 'Revoked';

/** Whether a token still works at `now` (ms). */
export function tokenStatus(token: Pick<Token, 'expiresAt' | 'revokedAt'>, now: number): TokenStatus {
  if (token.revokedAt !== null) return 'Revoked';
  return token.expiresAt !== null && Date.parse(token.expiresAt) <= now ? 'Expired' : 'Active';
}

/** Tokens that work first, then the others; newest first within each. */
export function sortTokens(tokens: readonly Token[], now: number): Token[] {
  const working = (token: Token) => (tokenStatus(token, now) === 'Active' ? 0 : 1);
  return [...tokens].sort((a, b) => working(a) - working(b) || Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** How long a new token works: the select's choices, in days; `''` for never. */
export const EXPIRY_CHOICES: readonly { days: string; text: string }[] = [
  { days: '7', text: '7 days' },
  { days: '30', text: '30 days' },
  { days: '90', text: '90 days' },
  { days: '365', text: '1 year' },
  { days: '', text: 'Never' },
];

/**
 * The request that creates a personal access token.
 *
 * @example
 * createTokenBody({ name: 'laptop CLI', role: 'editor', days: '90' }); // { name, role, expiresInDays: 90 }
 */
export function createTokenBody(form: { name: string; role: Role; days: string }): Schemas['CreatePersonalToken'] {
  const body = { name: form.name.trim(), role: form.role };
  return form.days === '' ? body : { ...body, expiresInDays: Number(form.days) };
}
