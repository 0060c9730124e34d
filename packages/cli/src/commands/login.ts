import { createRampartClient, unwrap } from '@rampart/api-client';
import { askSecret } from '../ask.js';
import { CliError } from '../cli-error.js';
import { outputFor, text } from '../command-context.js';
import { profilesPath, readProfiles, writeProfiles } from '../profiles.js';
import { USER_AGENT } from '../version.js';

/** `rampart login --url <url> [--profile <name>]`: checks the token, then keeps it. */
export async function login(_args: string[], options: Record<string, unknown>): Promise<void> {
  const out = outputFor(options);
  const url = normalizeUrl(text(options, 'url') ?? '');
  const token = await askSecret(`Token for ${url} (a personal access token rpt_… or an admin key rpa_…): `);
  if (token === '')
    throw new CliError('no token given', { hint: 'create one in the UI or with POST /api/v1/me/tokens' });
  const client = createRampartClient({ baseUrl: url, token, userAgent: USER_AGENT });
  const me = await out.progress(`checking the token with ${url}`, () => unwrap(client.GET('/api/v1/me')));
  const path = profilesPath();
  const file = readProfiles(path);
  const name = text(options, 'profile') ?? 'default';
  writeProfiles(path, { current: name, profiles: { ...file.profiles, [name]: { url, token } } });
  out.data({ profile: name, url, name: me.name, kind: me.kind, role: me.role, path });
  out.line(`Signed in to ${url} as ${me.name} (${me.role}); kept as profile '${name}' in ${path}`);
}

/** `rampart logout [--profile <name>]`. */
export async function logout(_args: string[], options: Record<string, unknown>): Promise<void> {
  const out = outputFor(options);
  const path = profilesPath();
  const file = readProfiles(path);
  const name = text(options, 'profile') ?? file.current ?? 'default';
  if (file.profiles[name] === undefined) throw new CliError(`there is no profile '${name}'`);
  const profiles = Object.fromEntries(Object.entries(file.profiles).filter(([key]) => key !== name));
  // Forgetting the current profile leaves none current: the next command must not reach another server unasked.
  writeProfiles(path, { current: file.current === name ? undefined : file.current, profiles });
  out.data({ removed: name });
  out.line(`Forgot profile '${name}' (the token itself still works until it is revoked)`);
}

/** `rampart profiles`: names and servers, never tokens. */
export async function listProfiles(_args: string[], options: Record<string, unknown>): Promise<void> {
  const out = outputFor(options);
  const file = readProfiles(profilesPath());
  const rows = Object.entries(file.profiles).map(([name, { url }]) => ({ name, url, current: name === file.current }));
  out.data({ profiles: rows });
  if (rows.length === 0) out.line('No profiles yet: run `rampart login --url <url>`');
  else
    out.table(
      ['', 'PROFILE', 'URL'],
      rows.map((row) => [row.current ? '*' : '', row.name, row.url]),
    );
}

function normalizeUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`--url: '${value}' is not a URL`, { hint: 'e.g. --url https://flags.example.com' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError('--url: use http:// or https://');
  return url.origin + url.pathname.replace(/\/+$/, '');
}
