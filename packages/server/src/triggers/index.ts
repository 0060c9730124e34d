export { registerTriggerHook, registerTriggerRoutes } from './trigger-routes.js';
export { DEFAULT_TRIGGER_RATE_LIMIT, type TriggerDeps } from './trigger-writes.js';
