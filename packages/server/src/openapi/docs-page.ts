// The /docs viewer is Swagger UI (swagger-ui-dist). Of the well-kept OpenAPI viewers it is the
// most used and is released often (Apache-2.0); it has "Try it out" and an "Authorize" dialog for
// the bearer scheme the document declares, and it ships as one prebuilt bundle that fetches
// nothing else, so it runs offline under a Content-Security-Policy that allows only this server.
// Scalar's standalone build is heavier and loads its fonts from a CDN unless told not to; RapiDoc
// is released less often.

/**
 * What the page may load: its own scripts, styles, `/openapi.json` and the operations it tries,
 * all from this server. Images also from `data:` URLs, which Swagger UI's stylesheet uses for its
 * icons; they are inside the stylesheet, not fetched.
 */
export const VIEWER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** The page without the viewer: no script, no style, nothing to load. */
export const FALLBACK_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/**
 * Starts Swagger UI on `/openapi.json`. A file rather than an inline script, for the CSP.
 * Without `validatorUrl: null` Swagger UI would send the document to an outside validator for a
 * badge. The key entered under "Authorize" stays in the tab's memory (`persistAuthorization` is
 * off), so that an admin key is not left in the browser's storage.
 */
export const VIEWER_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  persistAuthorization: false,
  deepLinking: true,
  displayRequestDuration: true,
  filter: true,
});
`;

/** What Swagger UI's own page adds around it. */
export const DOCS_STYLESHEET = `html { box-sizing: border-box; overflow-y: scroll; }
*, *::before, *::after { box-sizing: inherit; }
body { margin: 0; background: #fafafa; }
`;

const PAGE_START = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rampart API</title>`;

/**
 * The `/docs` page: Swagger UI on `/openapi.json`, every file from `/docs/assets/`. `fingerprint`
 * changes with the files, so that each version of them has its own URLs and can be cached for good.
 *
 * @example
 * const html = viewerPage(await files.fingerprint());
 */
export function viewerPage(fingerprint: string): string {
  const asset = (name: string) => `/docs/assets/${name}?v=${fingerprint}`;
  return `${PAGE_START}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('swagger-ui.css')}">
<link rel="stylesheet" href="${asset('docs.css')}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${asset('swagger-ui-bundle.js')}"></script>
<script src="${asset('docs.js')}"></script>
</body>
</html>
`;
}

/**
 * The `/docs` page when the server has no viewer files (an embedder passed none): a pointer to
 * the raw document.
 *
 * @example
 * const html = fallbackPage();
 */
export function fallbackPage(): string {
  return `${PAGE_START}
</head>
<body>
<h1>Rampart API</h1>
<p>This server was built without its API viewer. The OpenAPI 3.1 document of every route is at
<a href="/openapi.json">/openapi.json</a>; any OpenAPI viewer or client generator reads it.</p>
</body>
</html>
`;
}
