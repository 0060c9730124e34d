export { registerEnvironmentRoutes } from './environment-routes.js';
export { addEnvironment } from './environment-writes.js';
export { createEnvironmentSchema } from './environment-schemas.js';
export { assertMayChange, changesEveryEnvironment, protectEnvironments } from './protection.js';
