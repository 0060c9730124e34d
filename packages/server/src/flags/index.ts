export { registerFlagRoutes } from './flag-routes.js';
export { createFlagSchema, updateFlagSchema } from './flag-schemas.js';
export { assertFlagTypeFits, createFlagInChange, updateFlagInChange } from './flag-writes.js';
