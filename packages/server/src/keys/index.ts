export { registerKeyRoutes } from './key-routes.js';
export { insertKey } from './key-writes.js';
