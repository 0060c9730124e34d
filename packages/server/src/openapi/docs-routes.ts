import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import { acceptsGzip } from '../http/gzip.js';
import { errorResponseSchema } from '../model/common.js';
import { docsFiles, type DocsAssets } from './docs-assets.js';
import { FALLBACK_CSP, VIEWER_CSP, fallbackPage, viewerPage } from './docs-page.js';

const text = (mediaType: string) => ({ [mediaType]: { schema: z.string() } });

const getDocsPage = createRoute({
  method: 'get',
  path: '/docs',
  operationId: 'getDocsPage',
  tags: ['documentation'],
  summary: 'This document in Swagger UI, served by this server: try the operations with a key (Authorize)',
  security: [],
  responses: { 200: { description: 'the page', content: text('text/html') } },
});

const getDocsAsset = createRoute({
  method: 'get',
  path: '/docs/assets/{file}',
  operationId: 'getDocsAsset',
  tags: ['documentation'],
  summary: 'A file of the /docs page: swagger-ui-bundle.js, swagger-ui.css, docs.js or docs.css',
  security: [],
  request: {
    params: z.object({ file: z.string().openapi({ example: 'swagger-ui-bundle.js' }) }),
    query: z.object({
      v: z.string().optional().openapi({
        description: 'the fingerprint in the links of /docs; when current, the answer is cached for a year',
      }),
    }),
  },
  responses: {
    200: {
      description: 'the file, gzipped when the request accepts it',
      content: { ...text('text/javascript'), ...text('text/css') },
    },
    404: {
      description: 'not_found: no such file, or this server has no viewer files',
      content: { 'application/json': { schema: errorResponseSchema } },
    },
  },
});

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves `/docs`, Swagger UI on `/openapi.json`, and its files under `/docs/assets/`. Without
 * `assets`, `/docs` is a short page that links the document, and the asset route answers 404.
 *
 * @example
 * registerDocs(app, { script, stylesheet });
 */
export function registerDocs(app: OpenAPIHono<AppEnv>, assets: DocsAssets | undefined): void {
  const files = assets === undefined ? undefined : docsFiles(assets);
  app.openapi(getDocsPage, async (c) => {
    // The page names the current files, so it must be asked for again rather than reused.
    c.header('cache-control', 'no-cache');
    if (files === undefined) {
      c.header('content-security-policy', FALLBACK_CSP);
      return c.html(fallbackPage());
    }
    c.header('content-security-policy', VIEWER_CSP);
    return c.html(viewerPage(await files.fingerprint()));
  });
  app.openapi(getDocsAsset, async (c) => {
    const { file } = c.req.valid('param');
    const found = files?.get(file);
    if (files === undefined || found === undefined) throw new RampartError('not_found', `no docs file '${file}'`);
    const current = c.req.valid('query').v === (await files.fingerprint());
    c.header('cache-control', current ? IMMUTABLE : 'no-cache');
    c.header('content-type', found.contentType);
    c.header('vary', 'accept-encoding');
    const gzipped = acceptsGzip(c.req.header('accept-encoding')) ? files.gzipped(file) : undefined;
    if (gzipped === undefined) return c.body(found.body, 200);
    c.header('content-encoding', 'gzip');
    return c.body(await gzipped, 200);
  });
}
