import { createContext, useContext } from 'react';
import type { Schemas } from '../api.js';
import type { Me } from './use-me.js';

type Environment = Schemas['Environment'];

/** What the signed-in person may change, as the server decides it (auth/permissions.ts there). */
export interface Permissions {
  me: Me;
  /** Editors and admins change flags, configurations, segments, release plans and triggers. */
  canEdit: boolean;
  /** Admins also manage environments, keys, people and webhooks. */
  isAdmin: boolean;
  /** Whether they may change configurations in `environment` (protected ones need admin or a listed role). */
  canChangeIn(environment: Environment | undefined): boolean;
}

export function permissionsOf(me: Me): Permissions {
  const canEdit = me.role !== 'viewer';
  return {
    me,
    canEdit,
    isAdmin: me.role === 'admin',
    canChangeIn: (environment) =>
      canEdit &&
      (environment === undefined ||
        !environment.protected ||
        me.role === 'admin' ||
        environment.protectedRoles.includes(me.role)),
  };
}

export const PermissionsContext = createContext<Permissions | undefined>(undefined);

/** The signed-in person's permissions; only under the signed-in shell. */
export function usePermissions(): Permissions {
  const permissions = useContext(PermissionsContext);
  if (permissions === undefined) throw new Error('usePermissions outside the signed-in shell');
  return permissions;
}
