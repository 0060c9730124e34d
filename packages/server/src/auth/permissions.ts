import type { Role } from '../store/store.js';

/** What an admin API request needs: no credential, any person or key, or at least a role. */
export type Requirement = { kind: 'public' } | { kind: 'role'; role: Role; peopleOnly?: true };

const RANK: Readonly<Record<Role, number>> = { viewer: 0, editor: 1, admin: 2 };

/** Whether `role` includes everything `needed` may do. */
export function atLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** The lower of two roles: a token never does more than its owner. */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

// Routes anyone may call: signing in (password and single sign-on) and setting a password from
// an invitation. Everything else under /api/v1 needs a credential.
const PUBLIC: readonly { method: string; path: RegExp }[] = [
  { method: 'POST', path: /^\/api\/v1\/session$/ },
  { method: 'GET', path: /^\/api\/v1\/session\/sso(?:\/callback)?$/ },
  { method: 'GET', path: /^\/api\/v1\/session\/methods$/ },
  { method: 'POST', path: /^\/api\/v1\/invitations\/[^/]+$/ },
];

// Areas only admins may use, reads included: who may sign in and with what, where events are
// sent (a webhook's URL may carry a secret), and imports, which rewrite flags wholesale.
const ADMIN_ONLY = /^\/api\/v1\/(?:keys|users|webhooks|import)(?:\/|$)/;
// Environments: everyone reads them; only admins create or protect them.
const ENVIRONMENTS = /^\/api\/v1\/environments(?:\/|$)/;
// One's own account: who one is, one's tokens, signing out. Every person may.
const SELF = /^\/api\/v1\/(?:me|session)(?:\/|$)/;
const TOKENS = /^\/api\/v1\/me\/tokens(?:\/|$)/;

/**
 * What a request to the admin API needs. Reads need `viewer`; changes need `editor` (flags,
 * configurations, segments, release plans, triggers), or `admin` (environments, keys, users,
 * webhooks, imports). Protected environments add their own check (auth/protection.ts).
 *
 * @example
 * requirementOf('POST', '/api/v1/flags'); // { kind: 'role', role: 'editor' }
 */
export function requirementOf(method: string, path: string): Requirement {
  if (PUBLIC.some((route) => route.method === method && route.path.test(path))) return { kind: 'public' };
  if (ADMIN_ONLY.test(path)) return { kind: 'role', role: 'admin' };
  // Personal access tokens belong to people: a key has none to list or make.
  if (TOKENS.test(path)) return { kind: 'role', role: 'viewer', peopleOnly: true };
  if (SELF.test(path)) return { kind: 'role', role: 'viewer' };
  const reads = method === 'GET' || method === 'HEAD';
  if (ENVIRONMENTS.test(path)) return { kind: 'role', role: reads ? 'viewer' : 'admin' };
  return { kind: 'role', role: reads ? 'viewer' : 'editor' };
}
