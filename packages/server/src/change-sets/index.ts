export { registerChangeSetRoutes } from './change-set-routes.js';
