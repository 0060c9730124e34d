/**
 * Debian's headless Chromium driven by playwright-core (which never downloads a browser), with
 * the flags this machine needs: no sandbox as root, and no background traffic to a closed network.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** What to do when there is no browser, in one line. */
export const CHROMIUM_MISSING = 'the browser tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)';

/** Where Chromium is: `CHROMIUM_PATH`, else `chromium` or `chromium-browser` on the PATH; `undefined` when it is not installed. */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path !== '') return path;
    } catch {
      // Not this name.
    }
  }
  return undefined;
}

/**
 * Launches Chromium. Playwright gives each launch a new temporary profile (`--user-data-dir`)
 * and removes it on close; it refuses that flag among `args`.
 *
 * @example
 * const browser = await launchChromium();
 */
export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(CHROMIUM_MISSING);
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
