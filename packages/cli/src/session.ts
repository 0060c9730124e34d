import { createRampartClient, type RampartClient } from '@rampart/api-client';
import { dryRunFetch } from './dry-run.js';
import type { Output } from './output/output.js';
import { resolveCredentials } from './profiles.js';
import { USER_AGENT } from './version.js';

/** The options every command takes. */
export interface GlobalOptions {
  json?: boolean | undefined;
  profile?: string | undefined;
  dryRun?: boolean | undefined;
}

/** What a command works with: the typed client of the server, and where to write. */
export interface Session {
  client: RampartClient;
  url: string;
  token: string;
  out: Output;
  dryRun: boolean;
}

export function openSession(options: GlobalOptions, out: Output): Session {
  const { url, token } = resolveCredentials(options.profile);
  const dryRun = options.dryRun === true;
  // Anything that waits on the server shows it, on a terminal: every request goes through here.
  const send = (request: Request) => out.progress(`waiting for ${new URL(request.url).host}`, () => fetch(request));
  const client = createRampartClient({
    baseUrl: url,
    token,
    userAgent: USER_AGENT,
    fetch: dryRun ? dryRunFetch(send, out) : send,
  });
  return { client, url, token, out, dryRun };
}
