export { registerAuditRoutes } from './audit-routes.js';
