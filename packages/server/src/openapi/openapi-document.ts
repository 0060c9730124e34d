import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import type { BuildInfo } from '../base/build-info.js';
import { jsonText } from '../http/json-text.js';
import { jsonResponse } from '../http/openapi-responses.js';
import type { DocsAssets } from './docs-assets.js';
import { registerDocs } from './docs-routes.js';

const openApiDocumentSchema = z
  .looseObject({
    openapi: z.string().openapi({ example: '3.1.0' }),
    info: z.looseObject({ title: z.string(), version: z.string(), description: z.string().optional() }),
    paths: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .openapi({ description: 'every operation, by path and then by method' }),
    components: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('OpenApiDocument', { description: 'an OpenAPI 3.1 document' });

const getDocument = createRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApiDocument',
  tags: ['documentation'],
  summary: 'This document',
  security: [],
  responses: { 200: jsonResponse(openApiDocumentSchema, 'the OpenAPI 3.1 document of every route') },
});

/**
 * Serves `/openapi.json`, generated from the routes' validating schemas, and `/docs`, a viewer of
 * it made of `docsAssets`. The document is built once, on the first request, after every route
 * has been registered.
 *
 * @example
 * registerOpenApiDocument(app, { version: '0.1.0' }, { script, stylesheet });
 */
export function registerOpenApiDocument(
  app: OpenAPIHono<AppEnv>,
  info: BuildInfo,
  docsAssets: DocsAssets | undefined,
): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: admin (rpa_…), server (rps_…) or client (rpc_…)',
  });
  let json: string | undefined;
  app.openapi(getDocument, (c) => {
    json ??= JSON.stringify(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Rampart',
          version: info.version,
          description: 'Feature flags: the admin API. Errors are {"error": {"code", "message", "details"?}}.',
        },
        security: [{ apiKey: [] }],
      }),
    );
    return jsonText<z.infer<typeof openApiDocumentSchema>>(c, json);
  });
  registerDocs(app, docsAssets);
}
