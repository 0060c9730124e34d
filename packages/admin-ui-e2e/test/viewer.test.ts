/**
 * A viewer reads everything and changes nothing: the screens show no control that changes a
 * flag, and the API refuses the viewer's session anyway.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, findChromium, launchChromium } from './support/chromium';
import { openAs } from './support/people-pages';
import { startRampart, type Person, type RampartServer } from './support/rampart-server';
import { configOf, createFlag, openProductionToEditors } from './support/seed';

const skip = findChromium() === undefined && process.env.CI !== 'true';
if (skip) console.warn(`skipped: ${CHROMIUM_MISSING}`);

let rampart: RampartServer;
let browser: Browser;
let viewer: Person;

/** Every control on the page that would change something, by role and name. */
async function editControls(page: Page): Promise<string[]> {
  const found: string[] = [];
  const count = async (label: string, locator: ReturnType<Page['getByRole']>) => {
    const n = await locator.count();
    if (n > 0) found.push(`${n} × ${label}`);
  };
  await count('switch', page.getByRole('switch'));
  await count('Kill …', page.getByRole('button', { name: /^Kill / }));
  await count('New flag', page.getByRole('button', { name: 'New flag' }));
  await count('Save rules in …', page.getByRole('button', { name: /^Save rules in / }));
  await count('Set rollout in …', page.getByRole('button', { name: /^Set rollout in / }));
  await count('Start release plan in …', page.getByRole('button', { name: /^Start release plan in / }));
  await count('… release in …', page.getByRole('button', { name: /^(Pause|Resume|Advance|Abort) release in / }));
  await count('New trigger in …', page.getByRole('button', { name: /^New trigger in / }));
  await count('Revoke …', page.getByRole('button', { name: /^Revoke/ }));
  await count('Edit details', page.getByRole('button', { name: 'Edit details' }));
  await count('Archive', page.getByRole('button', { name: 'Archive' }));
  await count('Add rule', page.getByRole('button', { name: 'Add rule' }));
  await count('text field', page.getByRole('main').getByRole('textbox').and(page.locator(':not([type=search])')));
  await count('number field', page.getByRole('spinbutton'));
  await count('slider', page.getByRole('slider'));
  return found;
}

describe.skipIf(skip)('a viewer', () => {
  beforeAll(async () => {
    rampart = await startRampart();
    browser = await launchChromium();
    // Even where editors may change production, a viewer may not.
    await openProductionToEditors(rampart);
    viewer = await rampart.createPerson({ email: 'viewer@example.com', name: 'Vera Viewer', role: 'viewer' });
    await createFlag(rampart.admin, {
      key: 'new-checkout',
      tags: ['checkout'],
      on: { production: 25, development: 100 },
    });
    await createFlag(rampart.admin, { key: 'dark-mode', tags: ['web'] });
    // A plan under way and a trigger, whose controls a viewer must not get either.
    await rampart.admin('POST', '/flags/new-checkout/environments/production/release', {
      steps: [{ percentage: 50, holdSeconds: 3600 }, { percentage: 100 }],
    });
    await rampart.admin('POST', '/flags/new-checkout/environments/production/triggers', {
      name: 'error-rate',
      action: 'kill',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await rampart?.dispose();
  });

  it('sees the flags and their states but no edit controls, and the API refuses their changes', async () => {
    const { page, problems, close } = await openAs(browser, rampart, viewer, '/flags');
    await page.getByRole('link', { name: 'new-checkout' }).waitFor();
    // The state is there to read, as text.
    await page.getByLabel('new-checkout in production: on').waitFor();
    await page.getByLabel('dark-mode in production: off').waitFor();
    expect(await editControls(page)).toEqual([]);

    await page.getByRole('link', { name: 'new-checkout' }).click();
    await page.getByRole('heading', { name: 'new-checkout', level: 1 }).waitFor();
    // Every panel has loaded: the plan under way and the trigger are on show.
    await page.getByRole('rowheader', { name: 'error-rate' }).waitFor();
    await page
      .getByText(/^Loading/)
      .first()
      .waitFor({ state: 'detached' });
    expect(await editControls(page)).toEqual([]);

    // The page's own session, from the page's own origin: refused by role, not by a missing button.
    const statuses = await page.evaluate(async () => {
      const post = (path: string, body: unknown) =>
        fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return {
        kill: (await post('/api/v1/flags/new-checkout/environments/production/kill', { reason: 'viewer' })).status,
        ramp: (await post('/api/v1/flags/new-checkout/environments/production/ramp', { percentage: 50 })).status,
        create: (await post('/api/v1/flags', { key: 'viewer-flag' })).status,
      };
    });
    expect(statuses).toEqual({ kill: 403, ramp: 403, create: 403 });
    const production = await configOf(rampart, 'new-checkout', 'production');
    expect(production.enabled).toBe(true);
    // As the plan's first step left it.
    expect(production.rules.map((rule) => rule.rollout.percentage)).toEqual([50]);
    expect(problems).toEqual([]);
    await close();
  });
});
