/**
 * Every screen, and the dialogs people open most, on a realistic installation: axe-core finds no
 * serious or critical accessibility violation, no console error appears (a script or style the
 * Content-Security-Policy refused would be one), and with RAMPART_SCREENSHOTS=1 each screen
 * is written to docs/images/ui-<screen>.png for docs/ui.md.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/accessibility';
import { CHROMIUM_MISSING, findChromium, launchChromium } from './support/chromium';
import { openAs, type PersonPage } from './support/people-pages';
import { startRampart, type RampartServer } from './support/rampart-server';
import { screenshot } from './support/screenshots';
import { createShowcase, type Showcase } from './support/showcase';

const skip = findChromium() === undefined && process.env.CI !== 'true';
if (skip) console.warn(`skipped: ${CHROMIUM_MISSING}`);

let rampart: RampartServer;
let browser: Browser;
let showcase: Showcase;
/** The admin's page, kept open from screen to screen as a person moves through the sections. */
let admin: PersonPage;

interface Screen {
  name: string;
  /** How a person gets there from anywhere in the app, and what shows that it has loaded. */
  open: (page: Page) => Promise<void>;
  ready: (page: Page) => Promise<void>;
}

/** A click on the section's link in the main navigation. */
const section = (name: string) => async (page: Page) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
};

const heading = (name: string) => async (page: Page) => {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
};

const SCREENS: Screen[] = [{ name: 'flags', open: section('Flags'), ready: heading('Flags') }];

/** Checks the page as it is now; the failure lists each violation's id, help and elements. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(describeViolations(screen, violations), `axe found serious or critical violations on ${screen}`).toBe('');
}

describe.skipIf(skip)('every screen', () => {
  beforeAll(async () => {
    rampart = await startRampart();
    browser = await launchChromium();
    showcase = await createShowcase(rampart);
    admin = await openAs(browser, rampart, showcase.admin, '/flags');
    await admin.page.getByRole('status', { name: 'Changes: Live' }).waitFor();
  });

  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    await rampart?.dispose();
  });

  it('sign-in has no serious or critical accessibility violation', async () => {
    const { page, problems, close } = await openAs(browser, rampart, undefined, '/flags');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');
    // Only the 401 of "who am I?" before signing in.
    expect(problems.filter((problem) => !problem.includes('401'))).toEqual([]);
    await close();
  });

  for (const screen of SCREENS) {
    it(`${screen.name} has no serious or critical accessibility violation`, async () => {
      const { page, problems } = admin;
      await screen.open(page);
      await screen.ready(page);
      await page.getByText('Loading…').waitFor({ state: 'detached' });
      await page.getByRole('status', { name: 'Changes: Live' }).waitFor();
      await expectAccessible(page, screen.name);
      await screenshot(page, screen.name);
      expect(problems).toEqual([]);
    });
  }

  it('the kill dialog and the new flag dialog have no serious or critical accessibility violation', async () => {
    const { page, problems } = admin;
    await section('Flags')(page);
    await page.getByRole('button', { name: 'Kill dark-mode in production' }).click();
    const kill = page.getByRole('dialog', { name: 'Kill dark-mode in production' });
    await kill.getByRole('textbox', { name: 'Reason' }).fill('dark theme unreadable on Safari');
    await expectAccessible(page, 'kill dialog');
    await screenshot(page, 'kill-dialog');
    await page.keyboard.press('Escape');
    await kill.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'New flag' }).click();
    const create = page.getByRole('dialog', { name: 'New flag' });
    await create.getByRole('textbox', { name: 'Key' }).waitFor();
    await expectAccessible(page, 'new flag dialog');
    await page.keyboard.press('Escape');
    await create.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });
});
