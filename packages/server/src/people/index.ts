export { registerUserRoutes, invitationView } from './user-routes.js';
export { registerSessionRoutes, setSessionCookie, type SessionRouteDeps } from './session-routes.js';
export { ACCOUNT_LIMIT, createAddressLimiter } from './sign-in.js';
export { createUser, publicUser, type PeopleDeps } from './people-writes.js';
export { createLastSeen } from './last-seen.js';
export { openSession } from './open-session.js';
