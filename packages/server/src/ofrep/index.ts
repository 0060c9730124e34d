export { registerOfrepRoutes } from './ofrep-routes.js';
