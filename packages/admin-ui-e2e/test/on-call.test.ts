/**
 * The on-call engineer at 3 a.m.: finds the flag in the list and kills it with a reason in at
 * most three interactions, with the mouse or with the keyboard alone, and sees the kill in the
 * audit log.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, findChromium, launchChromium } from './support/chromium';
import { focused, tabTo } from './support/keyboard';
import { openAs } from './support/people-pages';
import { startRampart, type Person, type RampartServer } from './support/rampart-server';
import { auditOf, configOf, createFlag, openProductionToEditors } from './support/seed';

// Without a browser the tests are skipped with one line saying what to install, except under
// CI=true, where they are required and fail with the same line.
const skip = findChromium() === undefined && process.env.CI !== 'true';
if (skip) console.warn(`skipped: ${CHROMIUM_MISSING}`);

let rampart: RampartServer;
let browser: Browser;
let onCall: Person;

describe.skipIf(skip)('the on-call engineer', () => {
  beforeAll(async () => {
    rampart = await startRampart();
    browser = await launchChromium();
    await openProductionToEditors(rampart);
    onCall = await rampart.createPerson({ email: 'oncall@example.com', name: 'Omar Okafor', role: 'editor' });
    // A list long enough that the flag has to be found.
    for (const key of ['search-v2', 'dark-mode', 'new-checkout', 'checkout-upsell', 'fast-payments']) {
      await createFlag(rampart.admin, { key, tags: ['web'], on: { production: 100, development: 100 } });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await rampart?.dispose();
  });

  it('finds the flag and kills it in production with a reason in three interactions, then sees it in the audit log', async () => {
    const { page, problems, close } = await openAs(browser, rampart, onCall, '/flags');
    let interactions = 0;

    await page.getByRole('searchbox', { name: 'Search' }).fill('checkout-ups');
    interactions += 1;
    await page.getByRole('button', { name: 'Kill checkout-upsell in production' }).click();
    interactions += 1;
    const dialog = page.getByRole('dialog', { name: 'Kill checkout-upsell in production' });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('checkout errors at 3 a.m.');
    await page.keyboard.press('Enter');
    interactions += 1;

    await page
      .getByRole('switch', { name: 'checkout-upsell in production' })
      .and(page.locator('[aria-checked="false"]'))
      .waitFor();
    expect(interactions).toBeLessThanOrEqual(3);
    expect((await configOf(rampart, 'checkout-upsell', 'production')).enabled).toBe(false);
    expect((await configOf(rampart, 'checkout-upsell', 'development')).enabled).toBe(true);

    const [kill] = await auditOf(rampart, 'checkout-upsell');
    expect(kill).toMatchObject({
      action: 'config.killed',
      environment: 'production',
      actor: onCall.email,
      via: 'ui',
      reason: 'checkout errors at 3 a.m.',
    });
    // ... and the engineer sees it in the audit log.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByText('checkout errors at 3 a.m.').first().waitFor();
    expect(problems).toEqual([]);
    await close();
  });

  it('does the same with the keyboard alone', async () => {
    const { page, problems, close } = await openAs(browser, rampart, onCall, '/flags');
    await page.getByRole('table').waitFor();

    await tabTo(page, page.getByRole('searchbox', { name: 'Search' }));
    await page.keyboard.type('fast-pay');
    const kill = page.getByRole('button', { name: 'Kill fast-payments in production' });
    await page.getByRole('row').filter({ hasText: 'search-v2' }).waitFor({ state: 'detached' });
    await tabTo(page, kill);
    await page.keyboard.press('Enter');
    const reason = page.getByRole('dialog', { name: 'Kill fast-payments in production' }).getByRole('textbox', {
      name: 'Reason',
    });
    await reason.waitFor();
    expect(await reason.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('payments failing');
    await page.keyboard.press('Enter');

    await page
      .getByRole('switch', { name: 'fast-payments in production' })
      .and(page.locator('[aria-checked="false"]'))
      .waitFor();
    // The Kill button goes with the kill: the focus should stay in the page (on the switch
    // beside it, say), not fall back to the document, where the next Tab starts from the top.
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await focused(page), 'where the focus is after the kill').not.toMatch(/^<body>/);
    const [entry] = await auditOf(rampart, 'fast-payments');
    expect(entry).toMatchObject({ action: 'config.killed', environment: 'production', reason: 'payments failing' });
    expect(problems).toEqual([]);
    await close();
  });
});
