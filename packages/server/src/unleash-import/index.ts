export { registerImportRoutes } from './import-routes.js';
