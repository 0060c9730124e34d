export { registerEnvironmentRoutes } from './environment-routes.js';
export { addEnvironment } from './environment-writes.js';
export { protectEnvironments } from './protection.js';
