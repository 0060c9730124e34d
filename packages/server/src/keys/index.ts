export { registerKeyRoutes } from './key-routes.js';
export { insertKey } from './key-writes.js';
export { createKey, type CreatedKey } from './key-writes.js';
