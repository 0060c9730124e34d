import type { OpenAPIHono } from '@hono/zod-openapi';
import { except } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';
import { registerAuditRoutes } from './audit/index.js';
import { registerChangeSetRoutes } from './change-sets/index.js';
import { authorize } from './auth/authorize.js';
import type { AppEnv } from './auth/principal.js';
import { RampartError } from './base/errors.js';
import { registerDeliveryMetrics, registerDeliveryRoutes } from './delivery/index.js';
import { resolveDeps, type AppDeps } from './deps.js';
import { protectEnvironments, registerEnvironmentRoutes } from './environments/index.js';
import { registerFlagActionRoutes, registerFlagConfigRoutes } from './flag-configs/index.js';
import { registerFlagRoutes } from './flags/index.js';
import { registerHealthRoutes } from './health/index.js';
import { limitBody } from './http/body-limit.js';
import { clientCors } from './http/cors.js';
import { createErrorHandler } from './http/error-handler.js';
import { checkJsonBody } from './http/json-body.js';
import { requestLogger } from './http/request-logger.js';
import { redactPath } from './http/redact-path.js';
import { createRouter } from './http/router.js';
import { createRequestIds } from './http/request-ids.js';
import { registerKeyRoutes } from './keys/index.js';
import { registerBusMetrics } from './metrics/bus-metrics.js';
import { httpMetrics } from './metrics/http-metrics.js';
import { registerMetricsRoute } from './metrics/metrics-route.js';
import { registerOfrepRoutes } from './ofrep/index.js';
import {
  ACCOUNT_LIMIT,
  createAddressLimiter,
  createLastSeen,
  registerSessionRoutes,
  registerUserRoutes,
} from './people/index.js';
import { registerOpenApiDocument } from './openapi/index.js';
import {
  pauseOnPersonChange,
  registerGuardMetrics,
  registerGuardRoutes,
  registerReleasePlanRoutes,
} from './release-plans/index.js';
import { registerSegmentRoutes } from './segments/index.js';
import { registerTriggerHook, registerTriggerRoutes } from './triggers/index.js';
import { registerImportRoutes } from './unleash-import/index.js';
import { registerWebhookRoutes } from './webhooks/index.js';
import { registerSsoRoutes } from './sso/index.js';
import { registerUiRoutes, UI_PAGES } from './web-ui/index.js';

/**
 * The Rampart HTTP app. Everything from outside (storage, change notification, clock,
 * logger, randomness) comes in through `deps`, and nothing here uses Node built-ins, so the
 * app runs wherever Hono does. Serve it with any Hono adapter; `main.ts` uses Node's.
 *
 * @example
 * const app = createApp({ store, bus: createMemoryBus(), clock: systemClock, logger: createSilentLogger() });
 * const response = await app.request('/health/live');
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const resolved = resolveDeps(deps);
  const app = createRouter();
  const onError = createErrorHandler(resolved.logger);
  app.onError(onError);
  app.notFound((c) => {
    throw new RampartError('not_found', `no route for ${c.req.method} ${redactPath(c.req.path)}`);
  });
  app.use('*', requestLogger(resolved.logger, createRequestIds(resolved.random)));
  app.use('*', httpMetrics(resolved.metrics, onError));
  registerDeliveryMetrics(resolved.metrics, resolved.delivery);
  registerBusMetrics(resolved.metrics, resolved.bus);
  registerGuardMetrics(resolved.metrics, resolved.guards);

  const admin = createRouter();
  registerEnvironmentRoutes(admin, resolved);
  registerFlagRoutes(admin, resolved);
  // A person's change to a configuration pauses its release plan, in the same transaction.
  const configDeps = { ...resolved, onConfigChange: pauseOnPersonChange };
  registerFlagConfigRoutes(admin, configDeps);
  registerFlagActionRoutes(admin, configDeps);
  registerReleasePlanRoutes(admin, resolved);
  registerSegmentRoutes(admin, resolved);
  // Flags as code: many changes in one transaction, each pausing a release plan as a person's would.
  registerChangeSetRoutes(admin, configDeps);
  registerKeyRoutes(admin, resolved);
  registerAuditRoutes(admin, resolved);
  registerImportRoutes(admin, resolved);
  // A trigger's kill is a change like a person's: it pauses a release plan the same way.
  registerTriggerRoutes(admin, configDeps, { publicUrl: resolved.publicUrl });
  registerWebhookRoutes(admin, { ...resolved, allowPrivateNetworks: resolved.webhookAllowPrivateNetworks });
  registerUserRoutes(admin, resolved);
  const sso = resolved.sso;
  registerSessionRoutes(admin, {
    ...resolved,
    limiter: createAddressLimiter(),
    unknownEmails: createAddressLimiter({ failures: ACCOUNT_LIMIT.failures, windowMs: ACCOUNT_LIMIT.lockMs }),
    sso,
  });
  if (sso !== undefined) registerSsoRoutes(admin, { ...resolved, sso });
  const delivery = createRouter();
  registerDeliveryRoutes(delivery, resolved.delivery);
  // Guarded release plans' counts: from server SDKs, and the browsers' events.
  registerGuardRoutes(delivery, resolved);

  // The secure headers and the JSON body check run on the admin API (and the headers on the
  // pages), not on the SDK, client and OFREP routes: each middleware there costs throughput
  // (`npm run bench:throughput`), the secure headers make Hono rebuild the finished response
  // (see http/cors.ts), and streams have sent their headers before they could be added.
  const adminPaths = [...new Set(admin.routes.map((route) => `/api/v1/${route.path.split('/')[1] ?? ''}/*`))];
  const secure = secureHeaders();
  for (const path of [...adminPaths, '/hooks/*', '/docs/*', '/openapi.json', '/health/*', '/metrics'])
    app.use(path, secure);
  // Before authorize: browsers send preflights without a key.
  const cors = clientCors(resolved.corsOrigins);
  app.use('/api/v1/client/*', cors);
  app.use('/ofrep/*', cors);
  const authorized = authorize({
    keys: resolved.keys,
    hash: resolved.sha256Hex,
    people: resolved.store,
    now: () => resolved.clock.now(),
    trustedOrigins: resolved.publicUrl === undefined ? [] : [new URL(resolved.publicUrl).origin],
    seen: createLastSeen(resolved),
  });
  app.use('/api/v1/*', authorized);
  app.use('/ofrep/*', authorized);
  const limit = limitBody(resolved.maxBodyBytes);
  app.use('/api/v1/*', limit);
  app.use('/ofrep/*', limit);
  // Not on /hooks: an alert is never refused for its size (triggers/trigger-routes.ts reads a prefix).
  // Kill and revive read any body themselves and never refuse one (flag-configs/action-body.ts).
  const checkBody = except((c) => c.req.method === 'POST' && KILL_OR_REVIVE.test(c.req.path), checkJsonBody);
  for (const path of adminPaths) app.use(path, checkBody);
  // After the key check and the body's: who may change configurations in protected environments.
  app.use('/api/v1/flags/*', protectEnvironments(resolved.store));

  app.route('/api/v1', admin);
  app.route('/api/v1', delivery);
  registerOfrepRoutes(app, resolved.delivery);
  // Trigger URLs carry their own credential, so they sit outside /api/v1 and its key check.
  registerTriggerHook(app, configDeps);

  registerHealthRoutes(app, {
    store: resolved.store,
    bus: resolved.bus,
    view: resolved.environments,
    info: resolved.info,
  });
  registerMetricsRoute(app, resolved.metrics);
  registerOpenApiDocument(app, resolved.info, resolved.docsAssets);
  // The web UI's pages and files, with the same secure headers as the API they call.
  for (const page of [...UI_PAGES, '/assets/*']) app.use(page, secure);
  registerUiRoutes(app, resolved.uiAssets);
  return app;
}

/** The kill and revive routes, in one environment or in all: `/api/v1/flags/{key}[/environments/{env}]/kill`. */
const KILL_OR_REVIVE = /^\/api\/v1\/flags\/[^/]+(?:\/environments\/[^/]+)?\/(?:kill|revive)$/;
