/**
 * `npm run setup`: prepares a Rampart server for this example, through its admin API: the flag
 * `new-checkout`, visible to browsers (`clientSide`) and on for everyone in production, and a
 * client key, which it prints. It stops at the first answer it does not expect and says what
 * to do: a page whose flag the server never sends would show no banner and no error.
 *
 * RAMPART_URL (default http://127.0.0.1:4000) and RAMPART_ADMIN_KEY (an admin key, rpa_…).
 */
import { fileURLToPath } from 'node:url';

export const FLAG = 'new-checkout';
const ENVIRONMENT = 'production';

export interface SetupOptions {
  /** The Rampart server, e.g. `http://127.0.0.1:4000`. */
  url: string;
  /** An admin key (`rpa_…`). */
  adminKey: string;
}

/** What stopped the setup, in words for the person running it. */
export class SetupError extends Error {
  override readonly name = 'SetupError';
}

/** A field of a JSON answer, or `undefined`. */
function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

/**
 * Creates (or checks) the example's flag, turns it on for everyone in production and creates
 * a client key. Throws a `SetupError` on any answer it does not expect.
 *
 * @example
 * const { clientKey } = await setUpExample({ url: 'http://127.0.0.1:4000', adminKey: 'rpa_…' });
 */
export async function setUpExample({ url, adminKey }: SetupOptions): Promise<{ clientKey: string }> {
  const base = `${url.replace(/\/+$/, '')}/api/v1`;
  const fix = (method: string, path: string, body: unknown) =>
    `curl -X ${method} ${base}${path} -H "authorization: Bearer $RAMPART_ADMIN_KEY" ` +
    `-H 'content-type: application/json' -d '${JSON.stringify(body)}'`;

  /** Sends one admin request; any status but `expected` stops the setup. */
  async function call(
    method: string,
    path: string,
    body: unknown,
    expected: number[],
  ): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new SetupError(
        `Could not reach Rampart at ${url} (${String(error)}${cause}). Is the server running ` +
          '(npm start at the repository root), and is RAMPART_URL its address?',
      );
    }
    const text = await response.text();
    if (response.status === 401 || response.status === 403)
      throw new SetupError(
        `${url} refused the admin key (HTTP ${response.status}): set RAMPART_ADMIN_KEY to the admin key (rpa_…) ` +
          'that npm start printed.',
      );
    if (!expected.includes(response.status))
      throw new SetupError(
        `${method} ${base}${path} answered HTTP ${response.status}, not ${expected.join(' or ')}: ${text}`,
      );
    const json: unknown = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, body: json };
  }

  const created = await call('POST', '/flags', { key: FLAG, clientSide: true }, [201, 409]);
  if (created.status === 409) {
    // It exists: from an earlier run, or from another walkthrough (the repository's README
    // creates it without clientSide). Use it only if browsers can see it.
    const { body: flag } = await call('GET', `/flags/${FLAG}`, undefined, [200]);
    if (field(flag, 'archived') === true)
      throw new SetupError(
        `The flag ${FLAG} exists but is archived, so the server sends it to no SDK and the banner would never ` +
          `show. Restore it, then run npm run setup again:\n  ${fix('PATCH', `/flags/${FLAG}`, { archived: false })}`,
      );
    if (field(flag, 'clientSide') !== true)
      throw new SetupError(
        `The flag ${FLAG} exists without clientSide (the repository's README creates it that way), so the ` +
          'server never sends it to browsers and the banner would never show. Let client keys see it, then run ' +
          `npm run setup again:\n  ${fix('PATCH', `/flags/${FLAG}`, { clientSide: true })}`,
      );
  }
  // On for everyone, whatever rules it has; `enable` turns it on if it is off (or killed).
  await call('POST', `/flags/${FLAG}/environments/${ENVIRONMENT}/ramp`, { percentage: 100, enable: true }, [200]);
  const key = { kind: 'client', environment: ENVIRONMENT, name: 'react-example' };
  const secret = field((await call('POST', '/keys', key, [201])).body, 'secret');
  if (typeof secret !== 'string') throw new SetupError(`POST ${base}/keys answered without the key's secret`);
  return { clientKey: secret };
}

// Run as a program (`npm run setup`), not when a test imports it.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { RAMPART_URL = 'http://127.0.0.1:4000', RAMPART_ADMIN_KEY } = process.env;
  if (!RAMPART_ADMIN_KEY) {
    console.error('Set RAMPART_ADMIN_KEY to the admin key (rpa_…) that npm start printed.');
    process.exit(1);
  }
  try {
    const { clientKey } = await setUpExample({ url: RAMPART_URL, adminKey: RAMPART_ADMIN_KEY });
    console.log(`${FLAG} is clientSide and on for everyone in ${ENVIRONMENT}. Start the page with:`);
    console.log(`  RAMPART_URL=${RAMPART_URL} RAMPART_CLIENT_KEY=${clientKey} npm start`);
  } catch (error) {
    console.error(error instanceof SetupError ? error.message : error);
    process.exit(1);
  }
}
