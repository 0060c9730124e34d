/**
 * A change made elsewhere (here a kill and a revive with the admin key, as a script or the CLI
 * would make them) shows in a page that is open, within a second and without a reload.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, findChromium, launchChromium } from './support/chromium';
import { openAs } from './support/people-pages';
import { startRampart, type Person, type RampartServer } from './support/rampart-server';
import { createFlag, openProductionToEditors } from './support/seed';

const skip = findChromium() === undefined && process.env.CI !== 'true';
if (skip) console.warn(`skipped: ${CHROMIUM_MISSING}`);

let rampart: RampartServer;
let browser: Browser;
let editor: Person;

describe.skipIf(skip)('live updates', () => {
  beforeAll(async () => {
    rampart = await startRampart();
    browser = await launchChromium();
    await openProductionToEditors(rampart);
    editor = await rampart.createPerson({ email: 'editor@example.com', name: 'Eddie Editor', role: 'editor' });
    await createFlag(rampart.admin, { key: 'new-checkout', on: { production: 100 } });
  });

  afterAll(async () => {
    await browser?.close();
    await rampart?.dispose();
  });

  it('flips the switch in an open flags list within a second of a kill through the API, without a reload', async () => {
    const { page, problems, close } = await openAs(browser, rampart, editor, '/flags');
    const production = page.getByRole('switch', { name: 'new-checkout in production' });
    await production.and(page.locator('[aria-checked="true"]')).waitFor();
    await page.getByRole('status', { name: 'Changes: Live' }).waitFor();
    // A reload would clear this marker.
    await page.evaluate(() => Reflect.set(window, 'sameDocument', true));

    const killedAt = Date.now();
    await rampart.admin('POST', '/flags/new-checkout/environments/production/kill', { reason: 'from a script' });
    await production.and(page.locator('[aria-checked="false"]')).waitFor({ timeout: 1_000 });
    expect(Date.now() - killedAt).toBeLessThan(1_000);

    const revivedAt = Date.now();
    await rampart.admin('POST', '/flags/new-checkout/environments/production/revive', {});
    await production.and(page.locator('[aria-checked="true"]')).waitFor({ timeout: 1_000 });
    expect(Date.now() - revivedAt).toBeLessThan(1_000);

    expect(await page.evaluate(() => Reflect.get(window, 'sameDocument'))).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });
});
