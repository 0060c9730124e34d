import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { UI_CSP } from './ui-routes.js';

const encode = (text: string) => new Uint8Array(new TextEncoder().encode(text));
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2_000))});`;

describe('the web UI at /', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('answers every page with index.html, never cached, under a strict Content-Security-Policy', async () => {
    t = await createTestApp({
      uiAssets: new Map([
        ['index.html', encode(INDEX)],
        ['assets/index-abc.js', encode(SCRIPT)],
      ]),
    });
    for (const path of ['/', '/sign-in', '/flags', '/flags/new-checkout', '/audit', '/people', '/webhooks']) {
      const page = await t.app.request(path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).toBe(UI_CSP);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await page.text()).toBe(INDEX);
    }
    expect(UI_CSP).toContain("script-src 'self'");
    expect(UI_CSP).not.toContain('unsafe-inline');
  });

  it('serves its files for a year, gzipped when asked, and 404 for others', async () => {
    t = await createTestApp({
      uiAssets: new Map([
        ['index.html', encode(INDEX)],
        ['assets/index-abc.js', encode(SCRIPT)],
      ]),
    });
    const plain = await t.app.request('/assets/index-abc.js');
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await plain.text()).toBe(SCRIPT);
    const gzipped = await t.app.request('/assets/index-abc.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = new Uint8Array(await gzipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(SCRIPT.length / 4);
    expect(gunzipSync(bytes).toString()).toBe(SCRIPT);
    const missing = await t.app.request('/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('leaves the API, the SDK routes and the docs alone', async () => {
    t = await createTestApp({ uiAssets: new Map([['index.html', encode(INDEX)]]) });
    expect((await t.get('/api/v1/flags')).status).toBe(200);
    expect((await t.app.request('/api/v1/flags')).status).toBe(401);
    expect((await t.app.request('/health/live')).status).toBe(200);
    expect((await t.app.request('/openapi.json')).headers.get('content-type')).toContain('application/json');
    expect((await t.app.request('/no-such-page')).status).toBe(404);
  });

  it('says how to build the UI when the server has no UI files', async () => {
    t = await createTestApp();
    const page = await t.app.request('/flags');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('npm run build -w @rampart/admin-ui');
  });
});
