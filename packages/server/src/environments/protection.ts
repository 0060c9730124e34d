import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import type { EnvironmentRecord, StoreReader } from '../store/store.js';

const IN_ONE = /^\/api\/v1\/flags\/[^/]+\/environments\/([^/]+)(?:\/|$)/;
// Kill or revive everywhere, and archiving (which takes the flag from every environment's SDKs).
const IN_EVERY = /^\/api\/v1\/flags\/[^/]+\/(?:kill|revive)$/;
const ARCHIVE = /^\/api\/v1\/flags\/[^/]+$/;

/**
 * Middleware after the key check: a change to a configuration in a protected environment (a
 * replace, ramp, kill, revive, release plan or trigger there) needs an admin, or a role the
 * environment lists; others get 403 saying why. A change to every environment at once (kill
 * or revive everywhere, archiving) needs that in each protected one.
 *
 * @example
 * app.use('/api/v1/flags/*', protectEnvironments(store));
 */
export function protectEnvironments(
  reader: Pick<StoreReader, 'getEnvironment' | 'listEnvironments'>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { principal } = c.var;
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || principal.role === 'admin') return next();
    const path = c.req.path;
    const one = IN_ONE.exec(path)?.[1];
    let environments: EnvironmentRecord[] = [];
    if (one !== undefined) {
      const environment = await reader.getEnvironment(decodeURIComponent(one));
      environments = environment === undefined ? [] : [environment];
    } else if (IN_EVERY.test(path) || (c.req.method === 'DELETE' && ARCHIVE.test(path))) {
      environments = await reader.listEnvironments();
    }
    for (const environment of environments) {
      const role = principal.role;
      if (!environment.protected || (role !== null && environment.protectedRoles.includes(role))) continue;
      const allowed = ['admins', ...environment.protectedRoles.map((name) => `${name}s`)].join(' and ');
      throw new RampartError(
        'forbidden',
        `environment '${environment.key}' is protected: only ${allowed} may change configurations there; ${principal.name} is ${role ?? 'no role'}`,
      );
    }
    return next();
  };
}
