export { registerSsoRoutes } from './sso-routes.js';
export { roleOfGroups, type SsoConfig } from './sso-config.js';
