export { registerFlagConfigRoutes } from './config-routes.js';
export { registerFlagActionRoutes } from './action-routes.js';
export { contentOf, toConfigContent, type ConfigContent } from './normalize-config.js';
