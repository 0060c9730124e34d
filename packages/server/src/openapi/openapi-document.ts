import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import type { BuildInfo } from '../base/build-info.js';

/**
 * Serves `/openapi.json`, generated from the routes' validating schemas. Built once, on the
 * first request, after every route has been registered.
 *
 * @example
 * registerOpenApiDocument(app, { version: '0.1.0' });
 */
export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>, info: BuildInfo): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: admin (rpa_…), server (rps_…) or client (rpc_…)',
  });
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Rampart',
        version: info.version,
        description: 'Feature flags: the admin API. Errors are {"error": {"code", "message", "details"?}}.',
      },
      security: [{ apiKey: [] }],
    });
    return c.json(document);
  });
}
