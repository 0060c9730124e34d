/**
 * The docs' pictures of each screen: written to `docs/images/ui-<screen>.png` only when
 * `RAMPART_SCREENSHOTS=1`, so that ordinary test runs leave the tree as it was.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const IMAGES = fileURLToPath(new URL('../../../../docs/images/', import.meta.url));

/** Whether this run writes the screenshots. */
export const TAKING_SCREENSHOTS = process.env.RAMPART_SCREENSHOTS === '1';

/**
 * The page's viewport (1280×800) as `docs/images/ui-<screen>.png`, when screenshots are asked for.
 *
 * @example
 * await screenshot(page, 'flags');
 */
export async function screenshot(page: Page, screen: string): Promise<void> {
  if (!TAKING_SCREENSHOTS) return;
  await page.screenshot({ path: `${IMAGES}ui-${screen}.png`, animations: 'disabled', caret: 'hide' });
}
