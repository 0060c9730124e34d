export { registerReleasePlanRoutes } from './plan-routes.js';
export { pauseOnPersonChange } from './pause-on-change.js';
export { createReleaseScheduler, TICK_INTERVAL_MS, type ReleaseScheduler, type SchedulerDeps } from './scheduler.js';
export {
  createGuardCollector,
  registerGuardMetrics,
  type GuardCollector,
  type GuardCollectorOptions,
} from './guard-collector.js';
export { registerGuardRoutes } from './guard-routes.js';
