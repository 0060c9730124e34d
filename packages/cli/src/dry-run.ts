import type { Output } from './output/output.js';

/** Thrown by the dry-run fetch in place of sending a write: the command stops there, successfully. */
export class DryRunStop extends Error {
  override readonly name = 'DryRunStop';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A fetch that sends reads but, for a write, prints the exact request (the token shortened to
 * its kind) and throws `DryRunStop` instead of sending it.
 */
export function dryRunFetch(
  send: (request: Request) => Promise<Response>,
  out: Output,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (SAFE_METHODS.has(request.method)) return send(request);
    const body = await request.clone().text();
    const headers = Object.fromEntries(
      [...request.headers].map(([name, value]) => [name, name === 'authorization' ? hideToken(value) : value]),
    );
    if (out.json) {
      out.data({ dryRun: true, request: { method: request.method, url: request.url, headers, body: parse(body) } });
    } else {
      out.line(out.paint('dim', '# --dry-run: this request was not sent'));
      out.line(`${request.method} ${request.url}`);
      for (const [name, value] of Object.entries(headers)) out.line(`${name}: ${value}`);
      if (body !== '') out.line(`\n${body}`);
    }
    throw new DryRunStop();
  };
}

/** `Bearer rpt_…`: the kind of credential, never the secret. */
function hideToken(value: string): string {
  const match = /^Bearer (rp[a-z]_)?/i.exec(value);
  return `Bearer ${match?.[1] ?? ''}…`;
}

function parse(body: string): unknown {
  if (body === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
