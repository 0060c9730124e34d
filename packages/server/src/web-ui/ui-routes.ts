import type { Context, Hono } from 'hono';
import type { AppEnv } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import { acceptsGzip } from '../http/gzip.js';
import { uiFiles, type UiAssets, type UiFile } from './ui-assets.js';

/** The pages of the web UI: each answers with `index.html`, and the UI's router shows the screen. */
export const UI_PAGES = [
  '/',
  '/sign-in',
  '/invitation',
  '/flags',
  '/flags/:key',
  '/segments',
  '/audit',
  '/keys',
  '/people',
  '/environments',
  '/webhooks',
] as const;

// The UI's own scripts and styles only; it calls this origin's API and nothing else.
export const UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rampart</title></head>
<body><h1>Rampart</h1>
<p>This server has no web UI files. Build them with <code>npm run build -w @rampart/admin-ui</code>
(or <code>npm start</code>, which builds everything), then start the server again.</p>
<p>The API is described at <a href="/docs">/docs</a>.</p></body></html>
`;

/**
 * Serves the web UI: its pages (`UI_PAGES`, each `index.html`, never cached) and its files under
 * `/assets/` (named by their hash, so cached for a year), gzipped when the request accepts it.
 * Without `assets`, the pages say how to build the UI.
 *
 * @example
 * registerUiRoutes(app, assets);
 */
export function registerUiRoutes(app: Hono<AppEnv>, assets: UiAssets | undefined): void {
  const files = assets === undefined ? undefined : uiFiles(assets);
  const index = files?.get('index.html');
  for (const page of UI_PAGES) {
    app.get(page, async (c) => {
      c.header('content-security-policy', UI_CSP);
      c.header('cache-control', 'no-cache');
      if (index === undefined) return c.html(NOT_BUILT, 200);
      return send(c, index);
    });
  }
  app.get('/assets/*', async (c) => {
    const path = c.req.path.slice(1);
    const file = files?.get(path);
    if (file === undefined) throw new RampartError('not_found', `no UI file '${path}'`);
    c.header('cache-control', IMMUTABLE);
    return send(c, file);
  });
}

async function send(c: Context<AppEnv>, file: UiFile) {
  c.header('content-type', file.contentType);
  c.header('vary', 'accept-encoding');
  if (!acceptsGzip(c.req.header('accept-encoding'))) return c.body(file.body, 200);
  c.header('content-encoding', 'gzip');
  return c.body(await file.gzipped(), 200);
}
