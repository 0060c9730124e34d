import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from './cli-error.js';

/** One server and the credential to use with it. */
export interface Profile {
  url: string;
  /** A personal access token (`rpt_…`) or an admin key (`rpa_…`). */
  token: string;
}

export interface ProfilesFile {
  /** The profile used when none is named. */
  current?: string | undefined;
  profiles: Record<string, Profile>;
}

type Env = Record<string, string | undefined>;

/**
 * Where profiles are kept: `$RAMPART_CONFIG`, else `rampart/config.json` in the user's
 * configuration directory (`$XDG_CONFIG_HOME`, `~/.config`, or `%APPDATA%` on Windows).
 */
export function profilesPath(env: Env = process.env): string {
  if (env.RAMPART_CONFIG !== undefined && env.RAMPART_CONFIG !== '') return env.RAMPART_CONFIG;
  const base =
    env.XDG_CONFIG_HOME ||
    (process.platform === 'win32' && env.APPDATA ? env.APPDATA : join(env.HOME || homedir(), '.config'));
  return join(base, 'rampart', 'config.json');
}

/** The file's profiles; none when it does not exist yet. */
export function readProfiles(path: string): ProfilesFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<ProfilesFile>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.profiles !== 'object') throw new Error();
    return { current: parsed.current, profiles: parsed.profiles ?? {} };
  } catch {
    throw new CliError(`${path} is not a profiles file`, {
      hint: 'remove it and run `rampart login --url <url>` again',
    });
  }
}

/** Writes the file readable by its owner only (0600, in a 0700 directory), replacing it in one step. */
export function writeProfiles(path: string, file: ProfilesFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export interface Credentials {
  url: string;
  token: string;
  /** The profile they came from, when one was used. */
  profile: string | undefined;
}

/**
 * The server and token to use: `RAMPART_URL` and `RAMPART_TOKEN` when both are set (for CI; the
 * profiles file is not even read); else the profile's (`--profile`, else `$RAMPART_PROFILE`, else
 * the current one), with either variable over its part. A profile's token is only ever sent to
 * the profile's own server: `RAMPART_URL` naming another server needs `RAMPART_TOKEN` too.
 */
export function resolveCredentials(profileName: string | undefined, env: Env = process.env): Credentials {
  const envUrl = env.RAMPART_URL || undefined;
  const envToken = env.RAMPART_TOKEN || undefined;
  if (envUrl !== undefined && envToken !== undefined) return { url: envUrl, token: envToken, profile: undefined };
  const file = readProfiles(profilesPath(env));
  const named = profileName ?? (env.RAMPART_PROFILE || undefined);
  const name = named ?? file.current ?? 'default';
  const profile = file.profiles[name];
  if (named !== undefined && profile === undefined) {
    const known = Object.keys(file.profiles);
    const where = profileName === undefined ? ' (RAMPART_PROFILE)' : '';
    throw new CliError(`there is no profile '${named}'${where}`, {
      hint:
        known.length > 0
          ? `profiles: ${known.join(', ')}; or run \`rampart login --url <url> --profile ${named}\``
          : `run \`rampart login --url <url> --profile ${named}\``,
    });
  }
  const url = envUrl ?? profile?.url;
  if (url === undefined) {
    throw new CliError('no server to talk to', {
      hint: 'run `rampart login --url <url>`, or set RAMPART_URL and RAMPART_TOKEN',
    });
  }
  if (envToken !== undefined) return { url, token: envToken, profile: profile === undefined ? undefined : name };
  if (profile === undefined) {
    throw new CliError(`no token for ${url}`, { hint: 'set RAMPART_TOKEN, or run `rampart login --url <url>`' });
  }
  if (!sameServer(url, profile.url)) {
    throw new CliError(
      `RAMPART_URL names ${url}, but profile '${name}' is for ${profile.url}; its token goes to that server only`,
      {
        hint: 'set RAMPART_TOKEN for this server too, or use the profile of this server (--profile)',
      },
    );
  }
  return { url, token: profile.token, profile: name };
}

/** Whether two URLs name the same server and path, trailing slashes aside. */
export function sameServer(a: string, b: string): boolean {
  const normal = (url: string) => {
    try {
      const parsed = new URL(url);
      return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
    } catch {
      return url.replace(/\/+$/, '');
    }
  };
  return normal(a) === normal(b);
}
