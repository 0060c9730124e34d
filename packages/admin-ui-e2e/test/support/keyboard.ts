/**
 * Moving through a page with the keyboard alone, as someone who does not use a mouse does:
 * Tab (or Shift+Tab) until the control wanted has the focus.
 */
import type { Locator, Page } from 'playwright-core';

/**
 * Presses Tab (Shift+Tab with `backwards`) until `target` has the focus, and returns how many
 * presses it took; throws when it is not reached within `max` presses, naming what had the focus.
 *
 * @example
 * await tabTo(page, page.getByRole('searchbox', { name: 'Search' }));
 */
export async function tabTo(page: Page, target: Locator, { max = 40, backwards = false } = {}): Promise<number> {
  await target.waitFor({ state: 'visible' });
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
  }
  throw new Error(`${String(target)} was not reached in ${max} presses of Tab; the focus is on ${await focused(page)}`);
}

/** What has the focus, for messages: its tag, and its accessible name's source where it has one. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body) return '<body> (nothing in the page)';
    const name = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? '';
    return `<${element.tagName.toLowerCase()}> "${name}"`;
  });
}
