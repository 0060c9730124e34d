import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Principal } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import type { EnvironmentRecord, StoreReader } from '../store/store.js';

const IN_ONE = /^\/api\/v1\/flags\/[^/]+\/environments\/([^/]+)(?:\/|$)/;
// Kill or revive everywhere, and archiving (which takes the flag from every environment's SDKs).
const IN_EVERY = /^\/api\/v1\/flags\/[^/]+\/(?:kill|revive)$/;
const FLAG = /^\/api\/v1\/flags\/[^/]+$/;
// What a flag's update may change in every environment at once: whether SDKs get it at all, and
// whether browsers' client keys do.
const EVERYWHERE_FIELDS = ['archived', 'clientSide', 'type'];

/**
 * Middleware after the key check: a change to a configuration in a protected environment (a
 * replace, ramp, kill, revive, release plan or trigger there) needs an admin, or a role the
 * environment lists; others get 403 saying why. A change to every environment at once (kill
 * or revive everywhere, archiving or restoring, making a flag client-side, changing its type)
 * needs that in each protected one. Segments are shared by every environment and are not
 * covered (docs/people.md).
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
      const key = decoded(one);
      const environment = key === undefined ? undefined : await reader.getEnvironment(key);
      environments = environment === undefined ? [] : [environment];
    } else if (IN_EVERY.test(path) || (FLAG.test(path) && (await changesEverywhere(c)))) {
      environments = await reader.listEnvironments();
    }
    assertMayChange(principal, environments);
    return next();
  };
}

/**
 * 403 unless `principal` may change configurations in each of `environments`: an admin, or a
 * role that a protected environment lists.
 *
 * @example
 * assertMayChange(c.var.principal, [production]);
 */
export function assertMayChange(
  principal: Pick<Principal, 'name' | 'role'>,
  environments: readonly EnvironmentRecord[],
): void {
  const role = principal.role;
  if (role === 'admin') return;
  for (const environment of environments) {
    if (!environment.protected || (role !== null && environment.protectedRoles.includes(role))) continue;
    const allowed = ['admins', ...environment.protectedRoles.map((name) => `${name}s`)].join(' and ');
    throw new RampartError(
      'forbidden',
      `environment '${environment.key}' is protected: only ${allowed} may change configurations there; ${principal.name} is ${role ?? 'no role'}`,
    );
  }
}

/** The fields of a flag's update that change it in every environment at once. */
export function changesEveryEnvironment(fields: object): boolean {
  return EVERYWHERE_FIELDS.some((field) => field in fields);
}

/** Archiving, or an update of a field that changes the flag in every environment. */
async function changesEverywhere(c: Context): Promise<boolean> {
  if (c.req.method === 'DELETE') return true;
  if (c.req.method !== 'PATCH') return false;
  // Read as text, which Hono keeps for the route's own reading; a body that is not JSON is the route's to refuse.
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return false;
  }
  return typeof body === 'object' && body !== null && changesEveryEnvironment(body);
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // not a key any environment has; the route answers 404
  }
}
