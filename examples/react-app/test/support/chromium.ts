/**
 * Debian's headless Chromium driven by playwright-core (which never downloads a browser), with
 * the flags this machine needs: no sandbox as root, and no background traffic to a closed network.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

function chromiumPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is not installed: apt-get install -y chromium (see .ci/run)');
  }
}

/**
 * Launches Chromium. Playwright gives each launch a new temporary profile (`--user-data-dir`)
 * and removes it on close; it refuses that flag among `args`.
 *
 * @example
 * const browser = await launchChromium();
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
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
