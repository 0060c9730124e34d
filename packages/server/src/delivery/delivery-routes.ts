import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { registerClientRoutes } from './client-routes.js';
import { registerClientStreamRoute } from './client-stream-route.js';
import type { Delivery } from './delivery.js';
import { registerSdkRoutes } from './sdk-routes.js';

/**
 * Every route that hands flags to SDKs and browsers: `/sdk/flags`, `/sdk/stream`,
 * `/client/evaluate` and `/client/stream`.
 *
 * @example
 * registerDeliveryRoutes(router, delivery);
 */
export function registerDeliveryRoutes(router: OpenAPIHono<AppEnv>, delivery: Delivery): void {
  registerClientRoutes(router, delivery);
  registerClientStreamRoute(router, delivery);
  registerSdkRoutes(router, delivery);
}
