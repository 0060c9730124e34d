export { registerFlagRoutes } from './flag-routes.js';
