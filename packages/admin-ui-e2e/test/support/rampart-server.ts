/**
 * A real Rampart server for the UI's journeys: `@rampart/server`'s built binary (which serves
 * `@rampart/admin-ui`'s built files at /) in a child process, on a temporary SQLite file, with a
 * known admin token; and the people the journeys sign in as, made through the API as an admin
 * would make them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SERVER_MAIN = join(
  dirname(createRequire(import.meta.url).resolve('@rampart/server/package.json')),
  'dist',
  'main.js',
);
const ADMIN_TOKEN = 'admin-ui-e2e-admin-token-0123456789abcdef';

export type Role = 'viewer' | 'editor' | 'admin';

/** Someone who can sign in: made through the API, with the password they set from their invitation. */
export interface Person {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export type RampartServer = Awaited<ReturnType<typeof startRampart>>;

/** A caller of the admin API: with the admin key (`rampart.admin`) or as a person (`await rampart.as(person)`). */
export type Api = <T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<T>;

/** What the admin API answered when it was not a 2xx. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Starts the server on a free port. `admin` calls the admin API with the admin key and throws
 * on a non-2xx answer; `createPerson` adds someone and sets their password; `as(person)` calls
 * the API with their session.
 *
 * @example
 * const rampart = await startRampart();
 * const pm = await rampart.createPerson({ email: 'pm@example.com', name: 'Priya', role: 'editor' });
 */
export async function startRampart() {
  const dataDir = mkdtempSync(join(tmpdir(), 'rampart-admin-ui-'));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: `file:${join(dataDir, 'rampart.db')}`,
      RAMPART_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (listening) {
        child.stderr.off('data', collect);
        child.stderr.resume();
        resolve(Number(listening[1]));
      }
    };
    // The banner with the URL is on stderr; stdout carries the JSON log lines.
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', collect);
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
  const url = `http://127.0.0.1:${port}`;

  /** Calls the admin API with `headers` (a credential) and throws on a non-2xx answer. */
  async function call<T>(
    credential: Record<string, string>,
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<T> {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { ...credential, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new ApiError(`${method} ${path} answered ${response.status}: ${text}`, response.status);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  const admin: Api = (method, path, body, headers = {}) =>
    call({ authorization: `Bearer ${ADMIN_TOKEN}` }, method, path, body, headers);

  /**
   * The admin API as `person` calls it from the web UI: signed in with their session cookie,
   * from the server's own origin, so that the audit log names them, via the UI.
   */
  async function as(person: Person): Promise<Api> {
    const response = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    const cookie = /^[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
    if (!response.ok || cookie === undefined) throw new Error(`signing ${person.email} in answered ${response.status}`);
    return (method, path, body, headers = {}) => call({ cookie, origin: url }, method, path, body, headers);
  }

  async function createPerson({ email, name, role }: Omit<Person, 'password'>): Promise<Person> {
    const { invitation } = await admin<{ invitation: { token: string } }>('POST', '/users', { email, name, role });
    const password = `${role}-password-for-the-journeys`;
    const accepted = await fetch(`${url}/api/v1/invitations/${invitation.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password }),
    });
    if (!accepted.ok) throw new Error(`accepting ${email}'s invitation answered ${accepted.status}`);
    return { email, name, role, password };
  }

  return {
    url,
    adminKey: ADMIN_TOKEN,
    admin,
    as,
    createPerson,
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
