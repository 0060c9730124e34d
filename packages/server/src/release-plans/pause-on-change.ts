import type { ConfigWatcher } from '../flag-configs/index.js';
import { pausePlan } from './plan-record.js';
import { driftOf, isMoving } from './plan-state.js';

/**
 * Pauses the release plan of a configuration that a person changed, in the transaction of
 * that change, when the change touched what the plan controls (the flag's on/off state or
 * the plan's rule): a plan never overrides a person. The plan says who did what in
 * `pausedReason` and in a `release.paused` audit entry. The wiring hands it to the flag
 * configuration routes.
 *
 * @example
 * registerFlagConfigRoutes(router, { ...deps, onConfigChange: pauseOnPersonChange });
 */
export const pauseOnPersonChange: ConfigWatcher = async (change, { after, action }) => {
  const plan = await change.tx.getReleasePlan(after.flag, after.environment);
  if (plan === undefined || !isMoving(plan)) return;
  const drift = driftOf(plan, after);
  if (drift === undefined) return;
  await pausePlan(change, plan, `'${change.actor}' changed the configuration (${action}): ${drift}`);
};
