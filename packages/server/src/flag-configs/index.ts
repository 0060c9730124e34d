export { registerFlagConfigRoutes } from './config-routes.js';
export { contentOf, toConfigContent, type ConfigContent } from './normalize-config.js';
