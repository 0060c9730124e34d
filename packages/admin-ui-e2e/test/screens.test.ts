/**
 * Every screen, and the dialogs people open most, on a realistic installation: axe-core finds no
 * serious or critical accessibility violation, no console error appears (a script or style the
 * Content-Security-Policy refused would be one), and with RAMPART_SCREENSHOTS=1 each screen
 * is written to docs/images/ui-<screen>.png for docs/ui.md.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/accessibility';
import { CHROMIUM_MISSING, findChromium, launchChromium } from './support/chromium';
import { openAs, type PersonPage } from './support/people-pages';
import { startRampart, type RampartServer } from './support/rampart-server';
import { screenshot, TAKING_SCREENSHOTS } from './support/screenshots';
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
  /** Further screenshots of parts lower down the screen: each scrolled to the top of the viewport. */
  parts?: { screenshot: string; at: (page: Page) => Locator }[];
}

/** A click on the section's link in the main navigation. */
const section = (name: string) => async (page: Page) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
};

const heading = (name: string) => async (page: Page) => {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
};

const production = (page: Page) => page.getByRole('region', { name: 'Production', exact: true });

const SCREENS: Screen[] = [
  { name: 'flags', open: section('Flags'), ready: heading('Flags') },
  {
    name: 'flag',
    open: async (page) => {
      await section('Flags')(page);
      await page.getByRole('link', { name: 'new-checkout', exact: true }).click();
    },
    ready: heading('new-checkout'),
    parts: [
      { screenshot: 'flag-production', at: (page) => production(page) },
      { screenshot: 'release', at: (page) => production(page).getByRole('region', { name: 'Release plan' }) },
      { screenshot: 'history', at: (page) => page.getByRole('region', { name: 'History' }) },
    ],
  },
  { name: 'segments', open: section('Segments'), ready: heading('Segments') },
  { name: 'audit', open: section('Audit log'), ready: heading('Audit log') },
  { name: 'keys', open: section('Keys'), ready: heading('API keys') },
  { name: 'people', open: section('People'), ready: heading('People') },
  { name: 'environments', open: section('Environments'), ready: heading('Environments') },
  { name: 'webhooks', open: section('Webhooks'), ready: heading('Webhooks') },
];

/** The dialogs people open most, from the screen (a section's name) where their button is. */
const DIALOGS: {
  name: string;
  /** The screen where its button is: a section's link, or how to get there. */
  at: (page: Page) => Promise<void>;
  button: string;
  fill?: (dialog: Locator) => Promise<void>;
  screenshot?: string;
}[] = [
  {
    name: 'kill',
    at: section('Flags'),
    button: 'Kill dark-mode in production',
    fill: (dialog) => dialog.getByRole('textbox', { name: 'Reason' }).fill('dark theme unreadable on Safari'),
    screenshot: 'kill-dialog',
  },
  { name: 'new flag', at: section('Flags'), button: 'New flag' },
  {
    name: 'start release plan',
    at: async (page) => {
      await section('Flags')(page);
      await page.getByRole('link', { name: 'dark-mode', exact: true }).click();
    },
    button: 'Start release plan in production',
    fill: async (dialog) => {
      await dialog.getByRole('textbox', { name: 'Steps (%)' }).fill('1, 5, 25, 50, 100');
      await dialog.getByRole('textbox', { name: 'Hold each step' }).fill('1h');
      await dialog.getByRole('textbox', { name: 'Guard event' }).fill('dashboard-error');
    },
    screenshot: 'release-dialog',
  },
  { name: 'new segment', at: section('Segments'), button: 'New segment' },
  { name: 'new key', at: section('Keys'), button: 'New key' },
  { name: 'invite', at: section('People'), button: 'Invite a person' },
  { name: 'new webhook', at: section('Webhooks'), button: 'New webhook' },
];

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
    // The check is no blank: a field without a name, added to this page, fails it.
    await page.evaluate(() => document.querySelector('form')?.append(document.createElement('input')));
    expect((await seriousViolations(page)).map((violation) => violation.id)).toContain('label');
    expect(problems).toEqual([]);
    await close();
  });

  it('the invitation page has no serious or critical accessibility violation', async () => {
    const { invitation } = await rampart.admin<{ invitation: { pageUrl: string } }>('POST', '/users', {
      email: 'nina@example.com',
      name: 'Nina Novak',
      role: 'editor',
    });
    const { pathname, hash } = new URL(invitation.pageUrl);
    const { page, problems, close } = await openAs(browser, rampart, undefined, `${pathname}${hash}`);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await expectAccessible(page, 'invitation');
    await screenshot(page, 'invitation');
    expect(problems).toEqual([]);
    await close();
  });

  for (const screen of SCREENS) {
    it(`${screen.name} has no serious or critical accessibility violation`, async () => {
      const { page, problems } = admin;
      await screen.open(page);
      await screen.ready(page);
      // Every part of the screen has its data (the first of none is detached).
      await page
        .getByText(/^Loading/)
        .first()
        .waitFor({ state: 'detached' });
      await page.getByRole('status', { name: 'Changes: Live' }).waitFor();
      await expectAccessible(page, screen.name);
      await screenshot(page, screen.name);
      for (const part of screen.parts ?? []) {
        if (!TAKING_SCREENSHOTS) break;
        await part.at(page).evaluate((element) => element.scrollIntoView({ block: 'start' }));
        await screenshot(page, part.screenshot);
      }
      expect(problems).toEqual([]);
    });
  }

  for (const dialog of DIALOGS) {
    it(`the ${dialog.name} dialog has no serious or critical accessibility violation`, async () => {
      const { page, problems } = admin;
      await dialog.at(page);
      await page.getByRole('button', { name: dialog.button, exact: true }).click();
      const open = page.getByRole('dialog');
      await open.waitFor();
      await dialog.fill?.(open);
      await expectAccessible(page, `the ${dialog.name} dialog`);
      if (dialog.screenshot !== undefined) await screenshot(page, dialog.screenshot);
      await page.keyboard.press('Escape');
      await open.waitFor({ state: 'detached' });
      expect(problems).toEqual([]);
    });
  }
});
