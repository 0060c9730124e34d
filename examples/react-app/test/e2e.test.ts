/**
 * The example against a real Rampart server in real headless Chromium: the banner follows the
 * flag live, and the server-rendered page paints it before any script and hydrates cleanly.
 * Needs `npm run build` (turbo runs it before tests) and Debian's chromium.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPageServer } from '../src/server';
import { setUpExample } from '../src/setup';
import { CHROMIUM_MISSING, findChromium, launchChromium } from './support/chromium';
import { startRampart } from './support/rampart-server';

const BANNER = '[data-testid="new-checkout-banner"]';
const FLAG = '/flags/new-checkout/environments/production';

let rampart: Awaited<ReturnType<typeof startRampart>>;
let pages: Awaited<ReturnType<typeof startPageServer>>;
let browser: Browser;

// Without a browser the tests are skipped with one line saying what to install, except under
// CI=true, where they are required and fail with the same line.
const skip = findChromium() === undefined && process.env.CI !== 'true';
if (skip) console.warn(`skipped: ${CHROMIUM_MISSING}`);

/** Opens a page, recording every console message and page error. */
async function open(path: string): Promise<{ page: Page; messages: string[] }> {
  const page = await browser.newPage();
  const messages: string[] = [];
  page.on('console', (message: ConsoleMessage) => messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  await page.goto(`${pages.url}${path}`);
  return { page, messages };
}

describe.skipIf(skip)('the example app in Chromium against a real server', () => {
  beforeAll(async () => {
    rampart = await startRampart();
    // As the README does it: npm run setup.
    const { clientKey } = await setUpExample({ url: rampart.url, adminKey: rampart.adminKey });
    pages = await startPageServer({
      rampartUrl: rampart.url,
      clientKey,
      clientDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
      port: 0,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await rampart?.dispose();
  });

  beforeEach(async () => {
    await rampart.admin('POST', `${FLAG}/revive`, {});
  });

  it('shows the banner, then hides it within a second of a kill, without a reload', async () => {
    const { page, messages } = await open('/');
    await page.locator(BANNER).waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('[data-testid="flag-status"]', { hasText: 'ready' }).waitFor();
    // A reload would clear this marker.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    const killedAt = Date.now();
    await rampart.admin('POST', `${FLAG}/kill`, { reason: 'e2e' });
    await page.locator(BANNER).waitFor({ state: 'detached', timeout: 1_000 });
    expect(Date.now() - killedAt).toBeLessThan(1_000);
    expect(await page.evaluate(() => Reflect.get(window, '__sameDocument'))).toBe(true);

    await rampart.admin('POST', `${FLAG}/revive`, {});
    await page.locator(BANNER).waitFor({ state: 'visible', timeout: 1_000 });
    expect(messages.filter((message) => /^(error|warning|pageerror)/.test(message))).toEqual([]);
    await page.close();
  });

  it('paints the server-rendered banner before any script runs', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${pages.url}/ssr`);
    expect(await page.locator(BANNER).isVisible()).toBe(true);
    // The client-rendered page has no banner before its script: the check can tell them apart.
    await page.goto(`${pages.url}/`);
    expect(await page.locator(BANNER).count()).toBe(0);
    await context.close();
  });

  it('hydrates the server-rendered page without a mismatch and keeps it live', async () => {
    const page = await browser.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
    // The HTML as parsed, before the deferred module script hydrates it.
    await page.addInitScript(() => {
      document.addEventListener(
        'DOMContentLoaded',
        () => Object.assign(window, { __firstPaint: document.documentElement.outerHTML }),
        { once: true },
      );
    });
    await page.goto(`${pages.url}/ssr`);
    const firstPaint = await page.evaluate(() => String(Reflect.get(window, '__firstPaint')));
    expect(firstPaint).toContain('data-testid="new-checkout-banner"');

    await page.locator('[data-testid="flag-status"]', { hasText: 'ready' }).waitFor({ timeout: 10_000 });
    expect(messages.filter((message) => /^(error|warning|pageerror)/.test(message) || /hydrat/i.test(message))).toEqual(
      [],
    );

    await rampart.admin('POST', `${FLAG}/kill`, {});
    await page.locator(BANNER).waitFor({ state: 'detached', timeout: 1_000 });
    await page.close();
  });
});
