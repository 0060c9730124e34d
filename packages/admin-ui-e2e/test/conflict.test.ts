/**
 * Two people edit the same configuration in two browsers. The first save wins; the second
 * person is told someone else changed it, sees what, and redoes their own changes on top, so
 * that both changes are saved and neither is overwritten unseen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/accessibility';
import { CHROMIUM_MISSING, findChromium, launchChromium } from './support/chromium';
import { openAs } from './support/people-pages';
import { startRampart, type Person, type RampartServer } from './support/rampart-server';
import { screenshot } from './support/screenshots';
import { auditOf, configOf, createFlag, openProductionToEditors, type FlagConfig } from './support/seed';

const skip = findChromium() === undefined && process.env.CI !== 'true';
if (skip) console.warn(`skipped: ${CHROMIUM_MISSING}`);

let rampart: RampartServer;
let browser: Browser;
let priya: Person;
let sam: Person;

/** The rules editor of new-checkout in production. */
const rulesIn = (page: Page) => page.getByRole('form', { name: 'Rules in production' });

describe.skipIf(skip)('two people editing one configuration', () => {
  beforeAll(async () => {
    rampart = await startRampart();
    browser = await launchChromium();
    await openProductionToEditors(rampart);
    priya = await rampart.createPerson({ email: 'priya@example.com', name: 'Priya Patel', role: 'editor' });
    sam = await rampart.createPerson({ email: 'sam@example.com', name: 'Sam Okoro', role: 'editor' });
    for (const key of ['internal-users', 'beta-testers']) {
      await rampart.admin('POST', '/segments', {
        key,
        conditions: [{ attribute: 'plan', operator: 'in', values: [key] }],
      });
    }
    await createFlag(rampart.admin, { key: 'payments-api', on: { production: 100 } });
    await createFlag(rampart.admin, { key: 'new-checkout' });
    const config = await configOf(rampart, 'new-checkout', 'production');
    await rampart.admin<FlagConfig>(
      'PUT',
      '/flags/new-checkout/environments/production',
      { enabled: true, rules: [{ name: 'Staff', segments: ['internal-users'], rollout: { percentage: 100 } }] },
      { 'if-match': `"${config.version}"` },
    );
  });

  afterAll(async () => {
    await browser?.close();
    await rampart?.dispose();
  });

  it('shows the second saver the conflict, and "Redo my changes on top" saves both changes', async () => {
    const first = await openAs(browser, rampart, priya, '/flags/new-checkout');
    const second = await openAs(browser, rampart, sam, '/flags/new-checkout');
    const read = await configOf(rampart, 'new-checkout', 'production');

    // Priya lets beta testers in too; Sam makes the flag depend on payments-api. Both from the same version.
    await rulesIn(first.page)
      .getByRole('group', { name: 'Segments of rule 1' })
      .getByRole('checkbox', { name: 'beta-testers' })
      .check();
    await rulesIn(second.page).getByRole('button', { name: 'Add prerequisite' }).click();
    await rulesIn(second.page).getByRole('combobox', { name: 'Flag of prerequisite 1' }).selectOption('payments-api');

    await rulesIn(first.page).getByRole('button', { name: 'Save rules in production' }).click();
    await rulesIn(first.page)
      .getByText(`Saved: version ${read.version + 1}`)
      .waitFor();

    // Sam's page hears of it live and keeps Sam's draft; the save meets Priya's version.
    await rulesIn(second.page)
      .getByText(/Changed by someone else since you started/)
      .waitFor();
    await rulesIn(second.page).getByRole('button', { name: 'Save rules in production' }).click();
    const conflict = second.page.getByRole('dialog', { name: 'Someone else changed new-checkout in production' });
    await conflict.waitFor();
    expect(describeViolations('the conflict dialog', await seriousViolations(second.page))).toBe('');
    await screenshot(second.page, 'conflict');
    // Nothing of Sam's was saved by the refused save.
    expect((await configOf(rampart, 'new-checkout', 'production')).version).toBe(read.version + 1);
    await conflict.getByRole('button', { name: 'Redo my changes on top' }).click();
    await conflict.waitFor({ state: 'hidden' });
    await rulesIn(second.page).getByRole('button', { name: 'Save rules in production' }).click();
    await rulesIn(second.page)
      .getByText(`Saved: version ${read.version + 2}`)
      .waitFor();

    const saved = await rampart.admin<FlagConfig & { prerequisites: { flag: string; enabled?: boolean }[] }>(
      'GET',
      '/flags/new-checkout/environments/production',
    );
    expect(saved.rules.map((rule) => rule.segments)).toEqual([['internal-users', 'beta-testers']]);
    expect(saved.prerequisites).toMatchObject([{ flag: 'payments-api' }]);
    const replaced = (await auditOf(rampart, 'new-checkout')).filter((entry) => entry.action === 'config.replaced');
    expect(replaced.slice(0, 2).map((entry) => entry.actor)).toEqual([sam.email, priya.email]);

    expect(first.problems).toEqual([]);
    expect(second.problems).toEqual([]);
    await first.close();
    await second.close();
  });
});
