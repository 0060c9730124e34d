export { registerWebhookRoutes } from './webhook-routes.js';
export {
  createWebhookDispatcher,
  POLL_INTERVAL_MS,
  type WebhookDispatcher,
  type DispatcherOptions,
} from './dispatcher.js';
export type { WebhookDeps } from './webhook-writes.js';
