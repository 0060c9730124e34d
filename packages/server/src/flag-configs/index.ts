export { registerFlagConfigRoutes } from './config-routes.js';
export { registerFlagActionRoutes } from './action-routes.js';
export { contentOf, toConfigContent, type ConfigContent } from './normalize-config.js';
export { editConfigInChange, type ConfigTarget } from './edit-config.js';
export { everyoneRuleIndex, isEveryoneRule, rampedContent } from './ramp.js';
export type { ConfigWatcher, ConfigWrite, FlagConfigDeps } from './config-watch.js';
