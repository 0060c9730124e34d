import { refusedAddress } from '../outbound/address-policy.js';

/**
 * Why a webhook's URL is refused before any request, or `undefined`: a host that is an IP
 * address in a refused range (loopback, link-local, private, …). Names are checked when each
 * request is made, on the addresses they resolve to then (outbound/send-request.ts).
 *
 * @example
 * refusedUrl('http://169.254.169.254/latest'); // '169.254.169.254 is a link-local address…'
 */
export function refusedUrl(url: string): string | undefined {
  // The URL parser has already written every IPv4 form (`2130706433`, `0x7f.1`) as dotted decimal.
  // A trailing dot names the same host: `localhost.` is `localhost`.
  const hostname = new URL(url).hostname.replace(/\.$/, '');
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return `${hostname} is this machine${ALLOW}`;
  const literal = hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(hostname);
  if (!literal) return undefined;
  const refused = refusedAddress(hostname);
  return refused === undefined ? undefined : `${refused}${ALLOW}`;
}

const ALLOW =
  '; webhooks may reach loopback, link-local and private addresses only when WEBHOOK_ALLOW_PRIVATE_NETWORKS=true';
