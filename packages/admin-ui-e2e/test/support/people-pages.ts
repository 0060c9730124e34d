/**
 * Pages as people see them: each person in their own browser context (their own cookies, as in
 * their own browser) at 1280×800, signed in through the API the way the sign-in form does it,
 * with every console error and page error kept so that a journey can say none happened.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Person, RampartServer } from './rampart-server';

export interface PersonPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and warnings (but 4xx answers), and uncaught page errors, in order. */
  problems: string[];
  close(): Promise<void>;
}

/** The viewport of every journey and screenshot. */
export const VIEWPORT = { width: 1280, height: 800 };

/**
 * A new browser context for `person` (signed in unless `person` is undefined) with a page open at
 * `path`.
 *
 * @example
 * const { page } = await openAs(browser, rampart, viewer, '/flags');
 */
export async function openAs(
  browser: Browser,
  rampart: RampartServer,
  person: Person | undefined,
  path: string,
): Promise<PersonPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce', baseURL: rampart.url });
  // Well inside a journey's time, so that a control that never comes fails naming it.
  context.setDefaultTimeout(10_000);
  if (person !== undefined) await signInThroughApi(context, rampart, person);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // Chromium logs every 4xx answer a script fetched; those are the API's ordinary answers
    // ("no release plan yet", "not signed in", "refused"), which the screens show as such.
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(path);
  return { context, page, problems, close: () => context.close() };
}

/** Signs `context` in as the sign-in form does: POST /api/v1/session from the page's origin; the cookie lands in the context. */
export async function signInThroughApi(context: BrowserContext, rampart: RampartServer, person: Person): Promise<void> {
  const response = await context.request.post(`${rampart.url}/api/v1/session`, {
    data: { email: person.email, password: person.password },
    headers: { origin: rampart.url },
  });
  if (!response.ok())
    throw new Error(`signing ${person.email} in answered ${response.status()}: ${await response.text()}`);
}

/**
 * Polls `check` until it returns a value other than `undefined`, or throws after `timeoutMs`
 * with `what` and the last value seen. For conditions on the server (the API), which no page
 * locator can wait on.
 *
 * @example
 * await eventually('the kill in the audit log', async () => (await audit()).find(isKill));
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 5_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
