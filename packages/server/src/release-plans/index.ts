export { registerReleasePlanRoutes } from './plan-routes.js';
export { pauseOnPersonChange } from './pause-on-change.js';
export { createReleaseScheduler, TICK_INTERVAL_MS, type ReleaseScheduler } from './scheduler.js';
