import type { Principal } from '../auth/principal.js';
import type { EnvironmentCache, EnvironmentView } from './environment-cache.js';
import { RampartError } from '../base/errors.js';

/**
 * The environment that a client or server key is bound to, as this instance holds it; 404 when
 * the key names none that exists, and 503 while this instance has fallen behind the store: it
 * answers nothing that might miss a change (a kill above all), so that the client keeps what it
 * has and retries, through the load balancer, at an instance that is current.
 *
 * @example
 * const view = await keyEnvironment(environments, c.var.principal);
 */
export async function keyEnvironment(
  environments: Pick<EnvironmentCache, 'get' | 'freshness'>,
  principal: Principal,
): Promise<EnvironmentView> {
  const fresh = environments.freshness();
  if (!fresh.ok) throw new RampartError('unavailable', fresh.reason);
  const view = principal.environment === null ? undefined : await environments.get(principal.environment);
  if (view === undefined)
    throw new RampartError('not_found', `the key's environment '${principal.environment ?? ''}' does not exist`);
  return view;
}
