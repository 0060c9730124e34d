import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import type { DocsAssets } from './docs-assets.js';

const assets: DocsAssets = {
  script: 'window.SwaggerUIBundle = function () {}; // the bundle, long enough to be worth gzipping\n'.repeat(20),
  stylesheet: '.swagger-ui { color: #3b4151; }\n',
};

/** The same-origin URLs that the page loads, in order: stylesheets, then scripts. */
function localReferences(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((match) => match[1] ?? '');
}

describe('/docs', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('serves Swagger UI from this server, pointed at /openapi.json', async () => {
    t = await createTestApp({ docsAssets: assets });
    const page = await t.get('/docs', null);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = String(page.body);
    const references = localReferences(html).map((url) => url.replace(/\?v=[0-9a-f]{16}$/, ''));
    expect(references).toEqual([
      '/docs/assets/swagger-ui.css',
      '/docs/assets/docs.css',
      '/docs/assets/swagger-ui-bundle.js',
      '/docs/assets/docs.js',
    ]);
    const starter = await t.get('/docs/assets/docs.js', null);
    expect(starter.body).toContain("url: '/openapi.json'");
    expect(starter.body).toContain('validatorUrl: null');
  });

  it('names no other host: the page and its own files load nothing from elsewhere', async () => {
    t = await createTestApp({ docsAssets: assets });
    const html = String((await t.get('/docs', null)).body);
    const own = await Promise.all(['docs.js', 'docs.css'].map((name) => t.get(`/docs/assets/${name}`, null)));
    for (const text of [html, ...own.map((response) => String(response.body))]) {
      expect(text).not.toMatch(/https?:\/\//);
      expect(text).not.toMatch(/(?:href|src)="\/\//);
    }
  });

  it('allows only this server in its Content-Security-Policy, beside the headers every page gets', async () => {
    t = await createTestApp({ docsAssets: assets });
    const { headers } = await t.get('/docs', null);
    const policy = Object.fromEntries(
      (headers.get('content-security-policy') ?? '').split('; ').map((directive) => {
        const [name = '', ...sources] = directive.split(' ');
        return [name, sources.join(' ')];
      }),
    );
    expect(policy).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'self'",
    });
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('cache-control')).toBe('no-cache');
  });

  it('serves each file with its content type, cached for a year under the links of the page', async () => {
    t = await createTestApp({ docsAssets: assets });
    const links = localReferences(String((await t.get('/docs', null)).body));
    const answers = await Promise.all(links.map((url) => t.get(url, null)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((answer) => answer.headers.get('content-type'))).toEqual([
      'text/css; charset=utf-8',
      'text/css; charset=utf-8',
      'text/javascript; charset=utf-8',
      'text/javascript; charset=utf-8',
    ]);
    for (const answer of answers) {
      expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect(answers[0]?.body).toBe(assets.stylesheet);
    expect(answers[2]?.body).toBe(assets.script);
  });

  it('does not let a file be cached for good under a fingerprint that is not the current one', async () => {
    t = await createTestApp({ docsAssets: assets });
    for (const url of ['/docs/assets/swagger-ui.css', '/docs/assets/swagger-ui.css?v=0123456789abcdef']) {
      const answer = await t.get(url, null);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('gzips a file for a client that accepts gzip, and only then', async () => {
    t = await createTestApp({ docsAssets: assets });
    const fetchBundle = (acceptEncoding: string) =>
      t.app.request('/docs/assets/swagger-ui-bundle.js', { headers: { 'accept-encoding': acceptEncoding } });
    const gzipped = await fetchBundle('br, gzip;q=0.8');
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('vary')).toBe('accept-encoding');
    const bytes = new Uint8Array(await gzipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(assets.script.length / 4);
    expect(gunzipSync(bytes).toString('utf8')).toBe(assets.script);
    for (const refusal of ['identity', 'gzip;q=0', '']) {
      const plain = await fetchBundle(refusal);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe(assets.script);
    }
  });

  it('answers 404 for a file it does not have', async () => {
    t = await createTestApp({ docsAssets: assets });
    const answer = await t.get('/docs/assets/index.html', null);
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ error: { code: 'not_found' } });
  });

  it('without the viewer files, links /openapi.json and serves no file', async () => {
    t = await createTestApp();
    const page = await t.get('/docs', null);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<a href="/openapi.json">');
    expect(page.body).not.toContain('<script');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect((await t.get('/docs/assets/swagger-ui-bundle.js', null)).status).toBe(404);
  });

  it('gives the viewer the bearer scheme that "Authorize" asks a key for', async () => {
    t = await createTestApp({ docsAssets: assets });
    const document = (await t.get('/openapi.json', null)).json;
    expect(document.components).toMatchObject({ securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } });
    expect(document.security).toEqual([{ apiKey: [] }]);
  });
});
