/**
 * A product manager (an editor) releases a feature from the web UI: signs in, creates the
 * flag, targets beta testers in production with the rules editor, ramps everyone else
 * 1 → 5 → 25 %, and hands the rest to a release plan. The API then shows each step, in the
 * configuration and in the audit log under their name. Once with the mouse, once with the
 * keyboard alone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_MISSING, findChromium, launchChromium } from './support/chromium';
import { tabTo } from './support/keyboard';
import { openAs } from './support/people-pages';
import { startRampart, type Person, type RampartServer } from './support/rampart-server';
import { auditOf, configOf, openProductionToEditors } from './support/seed';

const skip = findChromium() === undefined && process.env.CI !== 'true';
if (skip) console.warn(`skipped: ${CHROMIUM_MISSING}`);

let rampart: RampartServer;
let browser: Browser;
let pm: Person;

/** The flag's production panel. */
const production = (page: Page) => page.getByRole('region', { name: 'Production', exact: true });

/** Waits for the rollout control to say the ramp to `percentage` is saved. */
async function rolloutSet(page: Page, percentage: number): Promise<void> {
  await production(page).getByRole('status').getByText(`Rollout set to ${percentage} %.`).waitFor();
}

/** What the API says the product manager did to `flag`: the configuration, the plan, the audit log. */
async function expectReleased(flag: string): Promise<void> {
  const config = await configOf(rampart, flag, 'production');
  expect(config.enabled).toBe(true);
  expect(config.rules.map((rule) => ({ segments: rule.segments ?? [], percentage: rule.rollout.percentage }))).toEqual([
    { segments: ['beta-testers'], percentage: 100 },
    // The plan's first step, 50 %, applied when it started.
    { segments: [], percentage: 50 },
  ]);
  const plan = await rampart.admin<{ status: string; steps: { percentage: number; holdSeconds?: number }[] }>(
    'GET',
    `/flags/${flag}/environments/production/release`,
  );
  expect(plan.status).toBe('running');
  expect(plan.steps.map((step) => step.percentage)).toEqual([50, 100]);
  expect(plan.steps[0]?.holdSeconds).toBe(3600);

  const mine = (await auditOf(rampart, flag))
    .filter((entry) => entry.actor === pm.email)
    .reverse()
    .map((entry) => ({ action: entry.action, environment: entry.environment, via: entry.via }));
  expect(mine).toEqual([
    { action: 'flag.created', environment: undefined, via: 'ui' },
    { action: 'config.replaced', environment: 'production', via: 'ui' },
    { action: 'config.ramped', environment: 'production', via: 'ui' },
    { action: 'config.ramped', environment: 'production', via: 'ui' },
    { action: 'config.ramped', environment: 'production', via: 'ui' },
    { action: 'release.created', environment: 'production', via: 'ui' },
  ]);
}

describe.skipIf(skip)('the product manager', () => {
  beforeAll(async () => {
    rampart = await startRampart();
    browser = await launchChromium();
    await openProductionToEditors(rampart);
    pm = await rampart.createPerson({ email: 'pm@example.com', name: 'Priya Patel', role: 'editor' });
    for (const key of ['internal-users', 'beta-testers']) {
      await rampart.admin('POST', '/segments', {
        key,
        conditions: [{ attribute: 'plan', operator: 'in', values: [key] }],
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await rampart?.dispose();
  });

  it('signs in, creates a flag, targets a segment, ramps 1 → 5 → 25 % and starts a release plan', async () => {
    const { page, problems, close } = await openAs(browser, rampart, undefined, '/flags');
    await page.getByRole('textbox', { name: 'Email' }).fill(pm.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(pm.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('button', { name: 'New flag' }).click();
    const create = page.getByRole('dialog', { name: 'New flag' });
    await create.getByRole('textbox', { name: 'Key' }).fill('one-page-checkout');
    await create.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: 'one-page-checkout' }).waitFor();

    const rules = production(page).getByRole('form', { name: 'Rules in production' });
    await rules.getByRole('button', { name: 'Add rule' }).click();
    await rules.getByRole('textbox', { name: 'Name of rule 1' }).fill('Beta testers');
    await rules
      .getByRole('group', { name: 'Segments of rule 1' })
      .getByRole('checkbox', { name: 'beta-testers' })
      .check();
    await rules.getByRole('spinbutton', { name: 'Rollout percentage of rule 1' }).fill('100');
    await rules.getByRole('button', { name: 'Save rules in production' }).click();
    await rules.getByText(/^Saved: version \d+$/).waitFor();

    const percentage = page.getByRole('spinbutton', { name: 'Rollout percentage of one-page-checkout in production' });
    const setRollout = page.getByRole('button', { name: 'Set rollout in production' });
    await percentage.fill('1');
    await production(page).getByRole('checkbox', { name: 'Turn it on' }).check();
    await setRollout.click();
    await rolloutSet(page, 1);
    for (const next of [5, 25]) {
      await percentage.fill(String(next));
      await setRollout.click();
      await rolloutSet(page, next);
    }
    expect(await page.getByRole('slider', { name: 'Rollout of one-page-checkout in production' }).inputValue()).toBe(
      '25',
    );

    await page.getByRole('button', { name: 'Start release plan in production' }).click();
    const release = page.getByRole('dialog', { name: 'Start release plan in production' });
    await release.getByRole('textbox', { name: 'Steps (%)' }).fill('50, 100');
    await release.getByRole('textbox', { name: 'Hold each step' }).fill('1h');
    await release.getByRole('button', { name: 'Start' }).click();
    await release.waitFor({ state: 'detached' });

    await expectReleased('one-page-checkout');
    expect(problems).toEqual([]);
    await close();
  });

  it('does it all with the keyboard alone', async () => {
    const { page, problems, close } = await openAs(browser, rampart, undefined, '/flags');
    const press = (key: string) => page.keyboard.press(key);
    const type = (text: string) => page.keyboard.type(text);

    await tabTo(page, page.getByRole('textbox', { name: 'Email' }));
    await type(pm.email);
    await press('Tab');
    await type(pm.password);
    await press('Enter');

    await tabTo(page, page.getByRole('button', { name: 'New flag' }));
    await press('Enter');
    await page.getByRole('dialog', { name: 'New flag' }).getByRole('textbox', { name: 'Key' }).waitFor();
    await type('keyboard-checkout');
    await press('Enter');
    await page.getByRole('heading', { level: 1, name: 'keyboard-checkout' }).waitFor();

    const rules = production(page).getByRole('form', { name: 'Rules in production' });
    await tabTo(page, rules.getByRole('button', { name: 'Add rule' }), { max: 200 });
    await press('Enter');
    // Focus lands on the new rule's name.
    await rules.getByRole('textbox', { name: 'Name of rule 1' }).waitFor();
    await type('Beta testers');
    await tabTo(
      page,
      rules.getByRole('group', { name: 'Segments of rule 1' }).getByRole('checkbox', { name: 'beta-testers' }),
    );
    await press('Space');
    await tabTo(page, rules.getByRole('spinbutton', { name: 'Rollout percentage of rule 1' }));
    await press('Control+A');
    await type('100');
    await tabTo(page, rules.getByRole('button', { name: 'Save rules in production' }), { max: 100 });
    await press('Enter');
    await rules.getByText(/^Saved: version \d+$/).waitFor();

    // The ramp: back up to the rollout, each figure typed and Enter.
    const percentage = page.getByRole('spinbutton', { name: 'Rollout percentage of keyboard-checkout in production' });
    await tabTo(page, percentage, { max: 100, backwards: true });
    await press('Control+A');
    await type('1');
    await tabTo(page, production(page).getByRole('checkbox', { name: 'Turn it on' }));
    await press('Space');
    await tabTo(page, percentage, { backwards: true });
    await press('Enter');
    await rolloutSet(page, 1);
    for (const next of [5, 25]) {
      await press('Control+A');
      await type(String(next));
      await press('Enter');
      await rolloutSet(page, next);
    }

    await tabTo(page, page.getByRole('button', { name: 'Start release plan in production' }), { max: 200 });
    await press('Enter');
    const release = page.getByRole('dialog', { name: 'Start release plan in production' });
    await tabTo(page, release.getByRole('textbox', { name: 'Steps (%)' }));
    await press('Control+A');
    await type('50, 100');
    await tabTo(page, release.getByRole('textbox', { name: 'Hold each step' }));
    await press('Control+A');
    await type('1h');
    await press('Enter');
    await release.waitFor({ state: 'detached' });

    await expectReleased('keyboard-checkout');
    expect(problems).toEqual([]);
    await close();
  });
});
