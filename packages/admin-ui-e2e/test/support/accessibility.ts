/**
 * axe-core in the page, under the server's strict Content-Security-Policy. A `<script>` tag with
 * axe's source is refused by `script-src 'self'`, so the source is evaluated through the
 * DevTools protocol (`page.evaluate`), which the page's CSP does not govern, and axe then runs
 * in the page itself, with the page's own DOM and styles.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/** The impacts that fail a screen. */
const FAILING = new Set(['serious', 'critical']);

/**
 * The serious and critical violations axe finds in the page as it is now (an open dialog
 * included).
 *
 * @example
 * expect(describeViolations(await seriousViolations(page))).toEqual('');
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => typeof Reflect.get(window, 'axe') === 'object');
  if (!loaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const engine = Reflect.get(window, 'axe') as typeof axe;
    const results = await engine.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact !== null && FAILING.has(violation.impact));
}

/** Each violation on its own lines (id, impact, help, the elements), or '' when there is none: a readable failure. */
export function describeViolations(screen: string, violations: Violation[]): string {
  return violations
    .map(
      (violation) =>
        `${screen}: ${violation.id} (${violation.impact}) ${violation.help}\n` +
        violation.targets.map((target) => `    at ${target}`).join('\n'),
    )
    .join('\n');
}
