import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { RampartError } from '../base/errors.js';
import type { ApiKeyRecord, KeyKind, Role, StoreReader } from '../store/store.js';
import { authenticate } from './authenticate.js';
import { personOfSession, personOfToken, SESSION_COOKIE } from './authenticate-person.js';
import { refuseCrossSite } from './csrf.js';
import { sha256Hex } from './digest.js';
import type { KeyCache } from './key-cache.js';
import { PERSONAL_TOKEN_PREFIX } from './person-secrets.js';
import { atLeast, lowerRole, requirementOf, type Requirement } from './permissions.js';
import type { AppEnv, Principal } from './principal.js';

interface Area {
  prefix: string;
  kinds: readonly KeyKind[];
  /** Browsers' `EventSource` cannot set headers, so client routes also read `?key=`. */
  queryKey: boolean;
}

// The key table of the HTTP API, most specific prefix first. People (sessions and personal
// access tokens) use the admin API only.
const AREAS: readonly Area[] = [
  { prefix: '/api/v1/sdk/', kinds: ['server'], queryKey: false },
  { prefix: '/api/v1/client/', kinds: ['client'], queryKey: true },
  { prefix: '/ofrep/', kinds: ['client', 'server'], queryKey: false },
  { prefix: '/api/v1/', kinds: ['admin'], queryKey: false },
];
const ADMIN_AREA = AREAS[AREAS.length - 1];

export interface AuthorizeOptions {
  keys: KeyCache;
  /** SHA-256 as lower-case hex; Web Crypto's by default. */
  hash?: (text: string) => string | Promise<string>;
  /** Where sessions, people and their tokens are read, on every request. */
  people: Pick<StoreReader, 'getSession' | 'getUser' | 'getPersonalToken'>;
  now(): Date;
  /** Origins whose pages may write with a session cookie, besides the request's own (PUBLIC_URL's). */
  trustedOrigins: readonly string[];
  /** Told that a person acted, to record when they (and their token) were last seen. */
  seen?: (seen: { userId: string; tokenId?: string | undefined }) => void;
}

/**
 * Middleware for `/api/v1/*` and `/ofrep/*`. SDK, client and OFREP routes take the key kinds of
 * their area. The admin API takes an admin key, a personal access token (`rpt_…`) or a session
 * cookie, and checks the role the route needs (auth/permissions.ts): 401 without a live
 * credential, 403 when it may not use the route, or when a cookie's write comes from another
 * site. Puts the {@link Principal} on the context and, on the admin API, `stillAdmitted`: the
 * same check again, for answers that last (the audit stream).
 *
 * @example
 * app.use('/api/v1/*', authorize({ keys, people: store, now: () => new Date(), trustedOrigins: [] }));
 */
export function authorize(options: AuthorizeOptions): MiddlewareHandler<AppEnv> {
  const hash = options.hash ?? sha256Hex;
  // Checked again later, the credential is not a new sign of the person's presence.
  const again = { ...options, seen: undefined };
  return async (c, next) => {
    const area = AREAS.find((candidate) => c.req.path.startsWith(candidate.prefix)) ?? ADMIN_AREA;
    const requirement = area === ADMIN_AREA ? requirementOf(c.req.method, c.req.path) : undefined;
    if (requirement?.kind === 'public') return next();
    c.set('principal', await admit(c, area, requirement, options, hash));
    if (area === ADMIN_AREA)
      c.set('stillAdmitted', () =>
        admit(c, area, requirement, again, hash).then(
          () => true,
          (error: unknown) => {
            if (error instanceof RampartError && (error.code === 'unauthorized' || error.code === 'forbidden'))
              return false;
            throw error;
          },
        ),
      );
    await next();
  };
}

/** The principal that the request's credential proves, if it may use the route; throws 401 or 403 otherwise. */
async function admit(
  c: Context,
  area: Area | undefined,
  requirement: Requirement | undefined,
  options: AuthorizeOptions,
  hash: (text: string) => string | Promise<string>,
): Promise<Principal> {
  const secret = bearer(c.req.header('authorization')) ?? (area?.queryKey ? c.req.query('key') : undefined);
  const principal =
    area === ADMIN_AREA && (secret === undefined || secret.startsWith(PERSONAL_TOKEN_PREFIX))
      ? await personPrincipal(c, secret, options, hash)
      : await keyPrincipal(secret, options.keys, hash);
  if (area === undefined || (principal.kind !== 'person' && !area.kinds.includes(principal.kind))) {
    throw new RampartError('forbidden', `a ${principal.kind} key may not use ${c.req.path}`);
  }
  if (requirement?.kind === 'role' && (principal.role === null || !atLeast(principal.role, requirement.role))) {
    throw new RampartError(
      'forbidden',
      `${c.req.method} ${c.req.path} needs the ${requirement.role} role; ${principal.name} has ${principal.role ?? 'none'}`,
    );
  }
  if (requirement?.kind === 'role' && requirement.peopleOnly === true && principal.kind !== 'person') {
    throw new RampartError('forbidden', `${c.req.path} is for people: sign in, or use a personal access token`);
  }
  if (principal.session !== undefined) refuseCrossSite(c, options.trustedOrigins);
  return principal;
}

async function keyPrincipal(
  secret: string | undefined,
  keys: KeyCache,
  hash: (text: string) => string | Promise<string>,
): Promise<Principal> {
  if (secret === undefined || secret === '') {
    throw new RampartError('unauthorized', 'an API key is required: send Authorization: Bearer <key>');
  }
  let key = keys.provenBy(secret);
  if (key === undefined) {
    key = await authenticate(keys, secret, hash);
    if (key === undefined) throw new RampartError('unauthorized', 'the API key is unknown or revoked');
    keys.remember(secret, key);
  }
  return principalOfKey(key);
}

// One principal per key record: the SDK routes authenticate every request, and the key cache
// hands back the same record while it trusts it, so nothing is built per request.
const principals = new WeakMap<ApiKeyRecord, Principal>();

function principalOfKey(key: ApiKeyRecord): Principal {
  let principal = principals.get(key);
  if (principal === undefined) {
    principal = {
      keyId: key.id,
      kind: key.kind,
      name: key.name,
      environment: key.environment,
      role: key.kind === 'admin' ? 'admin' : null,
      actor: { name: key.name, via: 'key' },
    };
    principals.set(key, principal);
  }
  return principal;
}

async function personPrincipal(
  c: Context,
  token: string | undefined,
  options: AuthorizeOptions,
  hash: (text: string) => string | Promise<string>,
): Promise<Principal> {
  const now = options.now();
  if (token !== undefined) {
    const acting = await personOfToken(options.people, token, hash, now);
    if (acting === undefined) throw new RampartError('unauthorized', 'the token is unknown, revoked or expired');
    options.seen?.({ userId: acting.user.id, tokenId: acting.token.id });
    const cli = (c.req.header('user-agent') ?? '').startsWith('rampart-cli/');
    return person(acting.user, lowerRole(acting.token.role, acting.user.role), cli ? 'cli' : 'api', {
      tokenId: acting.token.id,
    });
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie === undefined || cookie === '') {
    throw new RampartError(
      'unauthorized',
      'sign in (POST /api/v1/session), or send Authorization: Bearer <admin key or personal access token>',
    );
  }
  const sessionHash = await hash(cookie);
  const signedIn = await personOfSession(options.people, sessionHash, now);
  if (signedIn === undefined) throw new RampartError('unauthorized', 'the session has ended; sign in again');
  options.seen?.({ userId: signedIn.user.id });
  return person(signedIn.user, signedIn.user.role, 'ui', {
    session: { hash: sessionHash, userId: signedIn.user.id },
  });
}

function person(
  user: { id: string; email: string },
  role: Role,
  via: 'ui' | 'api' | 'cli',
  extra: Pick<Principal, 'session' | 'tokenId'>,
): Principal {
  return {
    keyId: user.id,
    kind: 'person',
    name: user.email,
    environment: null,
    role,
    actor: { name: user.email, via },
    ...extra,
  };
}

function bearer(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
