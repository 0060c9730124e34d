export { registerAuditRoutes, type AuditDeps } from './audit-routes.js';
