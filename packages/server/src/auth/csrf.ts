import type { Context } from 'hono';
import { RampartError } from '../base/errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a write made with a session cookie unless it comes from this server's own pages: its
 * `Origin` must be the request's own origin or a trusted one (PUBLIC_URL's); without `Origin`,
 * `Sec-Fetch-Site` must say `same-origin`. Browsers send both on every cross-site write, and a
 * page elsewhere cannot forge them, so a site that lures a signed-in person cannot act as them.
 * Tokens and keys are sent by programs, not attached by browsers, so this does not apply to them.
 *
 * @example
 * if (principal.session !== undefined) refuseCrossSite(c, ['https://flags.example.com']);
 */
export function refuseCrossSite(c: Context, trustedOrigins: readonly string[]): void {
  if (SAFE.has(c.req.method)) return;
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    if (origin === new URL(c.req.url).origin || trustedOrigins.includes(origin)) return;
    throw new RampartError('forbidden', `a write from ${origin} with this server's session cookie was refused`);
  }
  if (c.req.header('sec-fetch-site') === 'same-origin') return;
  throw new RampartError(
    'forbidden',
    "a write with a session cookie must come from this server's pages (send Origin); programs use a personal access token",
  );
}
