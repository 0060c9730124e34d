import type { Role } from '../store/store.js';

/** OpenID Connect single sign-on, as configured by the OIDC_* variables (docs/people.md). */
export interface SsoConfig {
  /** The provider's issuer URL, where `/.well-known/openid-configuration` is found. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token claim that lists the person's groups. */
  groupsClaim: string;
  /** Which role each group gives; a person gets the highest of their groups'. */
  roleMapping: readonly { group: string; role: Role }[];
  scopes: string;
  /** The sign-in button's label. */
  label: string;
  /** `${PUBLIC_URL}/api/v1/session/sso/callback`, registered with the provider. */
  redirectUri: string;
}

const RANK: Readonly<Record<Role, number>> = { viewer: 0, editor: 1, admin: 2 };

/**
 * The highest role any of `groups` maps to, or `undefined` when none is mapped.
 *
 * @example
 * roleOfGroups(config, ['staff', 'platform-admins']); // 'admin'
 */
export function roleOfGroups(config: Pick<SsoConfig, 'roleMapping'>, groups: readonly string[]): Role | undefined {
  let best: Role | undefined;
  for (const { group, role } of config.roleMapping)
    if (groups.includes(group) && (best === undefined || RANK[role] > RANK[best])) best = role;
  return best;
}
