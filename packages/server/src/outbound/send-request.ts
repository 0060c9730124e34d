import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { refusedAddress } from './address-policy.js';
import { describeOrigin } from './url-origin.js';

export { refusedAddress } from './address-policy.js';

/** One POST to a URL an administrator configured. */
export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * How a request went. `ok` only when the receiver answered 2xx; otherwise `error` says why in a
 * few words (`HTTP 500`, `timed out after 5000 ms`, `refused https://a.example: 10.0.0.1 is a
 * private address`), naming at most the URL's origin, never its path, query, headers or body.
 */
export type OutboundResult =
  { ok: true; status: number; durationMs: number } | { ok: false; status?: number; error: string; durationMs: number };

export interface SenderOptions {
  /** The whole request: DNS, connect, TLS, send, response headers and the capped body read. */
  timeoutMs: number;
  /** Read at most this much of the answer, then stop reading (the body is never kept). */
  maxResponseBytes: number;
  /** Connect to any address; by default only public ones (see {@link refusedAddress}). */
  allowPrivateNetworks: boolean;
  /** Resolves host names; the default is `dns.lookup`. */
  lookup?: typeof dnsLookup;
  /** Milliseconds for `durationMs`; the default is `performance.now`. */
  now?: () => number;
}

/** A result before its duration is known. */
type Outcome = { ok: true; status: number } | { ok: false; status?: number; error: string };

/** The address policy said no to an address a host name resolved to. */
class RefusedAddressError extends Error {
  override readonly name = 'RefusedAddressError';
  readonly code = 'ERR_ADDRESS_REFUSED';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * `lookup`, checking every address it returns before the socket may connect to any, so the address
 * checked is the address connected to (a second, different answer cannot slip in between). Answers
 * in the form asked for: a list when `options.all`, else the first address and its family.
 */
function guardedLookup(lookup: typeof dnsLookup, allowPrivateNetworks: boolean): LookupFunction {
  return (hostname, options, callback) => {
    let answered = false;
    const answer: typeof callback = (error, address, family) => {
      if (answered) return;
      answered = true;
      callback(error, address, family);
    };
    try {
      lookup(hostname, options, (error, address, family) => {
        if (error) return answer(error, '');
        const addresses: LookupAddress[] = Array.isArray(address)
          ? address
          : [{ address, family: family || isIP(address) }];
        if (addresses.length === 0) {
          return answer(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
        }
        if (!allowPrivateNetworks) {
          for (const { address: ip } of addresses) {
            const reason = refusedAddress(ip);
            if (reason !== undefined) return answer(new RefusedAddressError(reason), '');
          }
        }
        const [first] = addresses as [LookupAddress, ...LookupAddress[]];
        if (options.all === true) answer(null, addresses);
        else answer(null, first.address, first.family);
      });
    } catch (error) {
      answer(error as NodeJS.ErrnoException, '');
    }
  };
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);

/** A short sentence for a failed request, from the error's code only (its message may quote headers). */
function describeFailure(error: unknown, url: URL): string {
  const origin = describeOrigin(url);
  if (error instanceof RefusedAddressError) return `refused ${origin}: ${error.reason}`;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return `request to ${origin} failed`;
  if (DNS_CODES.has(code)) return `could not resolve ${url.hostname} (${code})`;
  if (code === 'ECONNREFUSED') return `${origin} refused the connection`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `the connection to ${origin} was reset`;
  if (code === 'EPROTO' || /CERT|SSL|TLS|UNABLE_TO_/.test(code)) return `TLS error with ${origin} (${code})`;
  return `request to ${origin} failed (${code})`;
}

/** What a status means: 2xx is success; a redirect is not followed; anything else fails. */
function answered(status: number, location: string | undefined, url: URL): Outcome {
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) {
    const target = location === undefined ? '' : ` to ${describeOrigin(location, url)}`;
    return { ok: false, status, error: `redirects are not followed (HTTP ${status}${target})` };
  }
  return { ok: false, status, error: `HTTP ${status}` };
}

/** The request's headers with `content-length` set from the body (the caller's framing headers dropped). */
function framedHeaders(request: OutboundRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'content-length' && lower !== 'transfer-encoding') headers[name] = value;
  }
  headers['content-length'] = String(Buffer.byteLength(request.body, 'utf8'));
  return headers;
}

/**
 * A function that POSTs a request to an administrator's URL, guarded for a server that must not
 * be turned against its own network: only http and https; every address is checked against the
 * policy (IP literals before connecting, host names inside the connection's own DNS lookup, so a
 * rebinding answer cannot bypass it); redirects are reported, not followed; at most
 * `maxResponseBytes` of the answer is read, then the connection is closed. One timer bounds the
 * whole request. The function never throws or rejects: every failure is a result. Once the status
 * has arrived it decides the result, even if the body read then stops at the cap or the timeout.
 *
 * @example
 * const send = createSender({ timeoutMs: 5000, maxResponseBytes: 64 * 1024, allowPrivateNetworks: false });
 * const result = await send({ url: 'https://hooks.example.com/rampart', headers: { 'content-type': 'application/json' }, body: '{}' });
 * if (!result.ok) logger.warn({ error: result.error }, 'webhook delivery failed');
 */
export function createSender(options: SenderOptions): (request: OutboundRequest) => Promise<OutboundResult> {
  const now = options.now ?? (() => performance.now());
  const lookup = guardedLookup(options.lookup ?? dnsLookup, options.allowPrivateNetworks);

  const attempt = (request: OutboundRequest, started: number): Promise<OutboundResult> =>
    new Promise((resolve) => {
      const done = (outcome: Outcome): void => resolve({ ...outcome, durationMs: now() - started });

      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return done({ ok: false, error: 'invalid URL' });
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return done({ ok: false, error: `unsupported scheme ${url.protocol} (only http and https)` });
      }
      const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
      // Node connects to an IP literal without a lookup, so the policy is applied here instead.
      if (!options.allowPrivateNetworks && isIP(host) !== 0) {
        const reason = refusedAddress(host);
        if (reason !== undefined) return done({ ok: false, error: `refused ${describeOrigin(url)}: ${reason}` });
      }

      const controller = new AbortController();
      let req: ClientRequest | undefined;
      let res: IncomingMessage | undefined;
      let settled = false;
      const finish = (outcome: Outcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done(outcome);
        controller.abort();
        res?.destroy();
        req?.destroy();
      };
      const timer = setTimeout(() => {
        finish(
          res === undefined
            ? { ok: false, error: `timed out after ${options.timeoutMs} ms` }
            : answered(res.statusCode ?? 0, res.headers.location, url),
        );
      }, options.timeoutMs);

      try {
        const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
        req = send(url, {
          method: 'POST',
          headers: framedHeaders(request),
          agent: false,
          lookup,
          signal: controller.signal,
        });
      } catch (error) {
        return finish({ ok: false, error: describeFailure(error, url) });
      }
      req.on('error', (error) => finish({ ok: false, error: describeFailure(error, url) }));
      req.on('response', (response) => {
        res = response;
        const outcome = answered(response.statusCode ?? 0, response.headers.location, url);
        // The body is not kept: it is counted up to the cap, then the connection is closed.
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received >= options.maxResponseBytes) finish(outcome);
        });
        response.on('error', () => finish(outcome));
        response.on('close', () => finish(outcome));
        response.on('end', () => finish(outcome));
        if (options.maxResponseBytes <= 0) finish(outcome);
      });
      req.end(request.body);
    });

  return async (request) => {
    const started = now();
    try {
      return await attempt(request, started);
    } catch {
      return { ok: false, error: 'the request failed unexpectedly', durationMs: now() - started };
    }
  };
}
