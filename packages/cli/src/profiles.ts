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
 * The server and token to use: `RAMPART_URL` and `RAMPART_TOKEN` when set (for CI), each over
 * the profile's; the profile is `--profile`, else `$RAMPART_PROFILE`, else the current one.
 */
export function resolveCredentials(profileName: string | undefined, env: Env = process.env): Credentials {
  const file = readProfiles(profilesPath(env));
  const name = profileName ?? (env.RAMPART_PROFILE || undefined) ?? file.current ?? 'default';
  const profile = file.profiles[name];
  if (profileName !== undefined && profile === undefined) {
    const known = Object.keys(file.profiles);
    throw new CliError(`there is no profile '${profileName}'`, {
      hint:
        known.length > 0
          ? `profiles: ${known.join(', ')}; or run \`rampart login --url <url> --profile ${profileName}\``
          : `run \`rampart login --url <url> --profile ${profileName}\``,
    });
  }
  const url = env.RAMPART_URL || profile?.url;
  const token = env.RAMPART_TOKEN || profile?.token;
  if (url === undefined || token === undefined) {
    throw new CliError(url === undefined ? 'no server to talk to' : `no token for ${url}`, {
      hint: 'run `rampart login --url <url>`, or set RAMPART_URL and RAMPART_TOKEN',
    });
  }
  return { url, token, profile: profile === undefined ? undefined : name };
}
