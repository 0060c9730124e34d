import * as oidc from 'openid-client';
import { sha256Hex } from '../auth/digest.js';
import { newSecret } from '../auth/person-secrets.js';
import { RampartError } from '../base/errors.js';
import { randomId } from '../base/random.js';
import { applyChange } from '../change/apply-change.js';
import type { WriteDeps } from '../change/write-deps.js';
import { openSession, publicUser } from '../people/index.js';
import type { SessionRecord, StoreWriter, UserRecord } from '../store/store.js';
import { roleOfGroups, type SsoConfig } from './sso-config.js';

/** How long a browser has between leaving for the provider and coming back. */
export const LOGIN_TTL_MS = 10 * 60_000;
/** The bound on each request to the provider, in seconds (openid-client's unit). */
const PROVIDER_TIMEOUT_SECONDS = 10;

export interface SsoDeps extends WriteDeps {
  sso: SsoConfig;
  sessionTtlMs: number;
}

/** The provider's configuration, discovered once per process (again after a failure). */
export interface Provider {
  configuration(): Promise<oidc.Configuration>;
}

/**
 * Discovers the provider lazily and keeps what it found; a failed discovery is tried again at
 * the next sign-in. Plain `http:` issuers are allowed only on loopback addresses (tests, local
 * development).
 *
 * @example
 * const provider = createProvider(config);
 */
export function createProvider(config: SsoConfig): Provider {
  let found: Promise<oidc.Configuration> | undefined;
  return {
    configuration() {
      found ??= discover(config).catch((error: unknown) => {
        found = undefined;
        throw new RampartError(
          'unavailable',
          `the identity provider at ${config.issuer} did not answer: ${describe(error)}`,
          {
            cause: error,
          },
        );
      });
      return found;
    },
  };
}

async function discover(config: SsoConfig): Promise<oidc.Configuration> {
  const issuer = new URL(config.issuer);
  const insecure = issuer.protocol === 'http:';
  return oidc.discovery(
    issuer,
    config.clientId,
    { redirect_uris: [config.redirectUri], response_types: ['code'] },
    oidc.ClientSecretPost(config.clientSecret),
    { timeout: PROVIDER_TIMEOUT_SECONDS, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
  );
}

/**
 * Starts a sign-in: a PKCE verifier, a state and a nonce, kept in the store (any instance may
 * receive the callback) under the state's hash, and the provider's URL to send the browser to.
 *
 * @example
 * const url = await startSignIn(deps, provider, '/flags');
 */
export async function startSignIn(
  deps: SsoDeps,
  provider: Provider,
  returnTo: string,
): Promise<{ url: URL; binding: string }> {
  const configuration = await provider.configuration();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  // Kept in a cookie of this browser: the callback must come back to the browser that left, so
  // that nobody can sign a victim into the attacker's account by sending them a callback URL.
  const binding = newSecret(deps.random);
  const nonce = oidc.randomNonce();
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    await tx.deleteExpired(now.toISOString());
    await tx.insertSsoLogin({
      stateHash: await sha256Hex(`${state}.${binding}`),
      codeVerifier,
      nonce,
      returnTo: localPath(returnTo),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + LOGIN_TTL_MS).toISOString(),
    });
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: deps.sso.redirectUri,
    scope: deps.sso.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, binding };
}

/**
 * Finishes a sign-in at the callback: checks the state, exchanges the code (with the PKCE
 * verifier, checking the nonce), maps the person's groups to a role, finds or creates the
 * person, and opens a session, ending the one this browser had (`previous`).
 *
 * @example
 * const { token, session, returnTo } = await finishSignIn(deps, provider, new URL(c.req.url), previousHash);
 */
export async function finishSignIn(
  deps: SsoDeps,
  provider: Provider,
  callback: URL,
  browser: { binding: string | undefined; previous: string | undefined },
): Promise<{ user: UserRecord; session: SessionRecord; token: string; returnTo: string }> {
  const { previous } = browser;
  const refused = callback.searchParams.get('error');
  if (refused !== null) {
    const description = callback.searchParams.get('error_description');
    const said = (description ?? refused).replace(/\p{Cc}/gu, ' ').slice(0, 200);
    throw new RampartError('unauthorized', `the identity provider refused the sign-in: ${said}`);
  }
  const state = callback.searchParams.get('state') ?? '';
  const stateHash = await sha256Hex(`${state}.${browser.binding ?? ''}`);
  // Taken in one transaction: two callbacks with one state cannot both use it.
  const login = await deps.store.transaction(async (tx) => {
    const found = await tx.getSsoLogin(stateHash);
    if (found !== undefined) await tx.deleteSsoLogin(stateHash);
    return found;
  });
  if (login === undefined || login.expiresAt <= deps.clock.now().toISOString())
    throw new RampartError(
      'validation_failed',
      'this sign-in is unknown, was started in another browser, or took longer than 10 minutes; start again',
      { details: [{ path: 'state', message: 'unknown or expired' }] },
    );
  const configuration = await provider.configuration();
  // The provider redirected to the registered URI: check the response against that, whatever host served it.
  const current = new URL(deps.sso.redirectUri);
  current.search = callback.search;
  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (error) {
    throw new RampartError('unauthorized', `single sign-on failed: ${describe(error)}`, { cause: error });
  }
  if (claims === undefined)
    throw new RampartError('unauthorized', 'single sign-on failed: the provider sent no ID token');
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined;
  if (email === undefined || claims.email_verified === false)
    throw new RampartError('forbidden', 'the identity provider did not give a verified email address for you');
  const groups = groupsOf(claims[deps.sso.groupsClaim]);
  const role = roleOfGroups(deps.sso, groups);
  if (role === undefined) {
    const listed = groups.length === 0 ? 'none' : groups.join(', ');
    throw new RampartError(
      'forbidden',
      `none of your groups (${listed}) has a role here; ask an admin to map one in OIDC_ROLE_MAPPING`,
    );
  }
  const subject = `${deps.sso.issuer}|${claims.sub}`;
  const name = typeof claims.name === 'string' && claims.name !== '' ? claims.name : email;
  const token = newSecret(deps.random);
  const hash = await sha256Hex(token);
  const signedIn = await applyChange(deps, { name: email, via: 'ui' }, async (change) => {
    const known = await personFor(change.tx, subject, email, claims.email_verified === true);
    let user: UserRecord;
    if (known === undefined) {
      user = {
        id: randomId(deps.random, 16),
        email,
        name,
        role,
        passwordHash: null,
        disabled: false,
        ssoSubject: subject,
        failedSignIns: 0,
        lockedUntil: null,
        createdAt: change.at,
        updatedAt: change.at,
        lastSeenAt: change.at,
      };
      await change.tx.insertUser(user);
      await change.audit({
        action: 'user.created',
        targetKind: 'user',
        target: user.id,
        before: null,
        after: publicUser(user),
        reason: 'first single sign-on',
      });
    } else {
      if (known.disabled) throw new RampartError('forbidden', 'this account is disabled; ask an admin');
      user = { ...known, role, ssoSubject: subject, lastSeenAt: change.at, updatedAt: change.at };
      await change.tx.updateUser(user);
      if (known.role !== role || known.ssoSubject !== subject)
        await change.audit({
          action: 'user.updated',
          targetKind: 'user',
          target: user.id,
          before: publicUser(known),
          after: publicUser(user),
          reason: 'role from the identity provider',
        });
    }
    const input = { hash, userId: user.id, method: 'sso' as const, at: change.at, ttlMs: deps.sessionTtlMs, previous };
    return { user, session: await openSession(change.tx, input) };
  });
  return { ...signedIn, token, returnTo: login.returnTo };
}

/**
 * Only a path on this server: anything else (`https://elsewhere`, `//elsewhere`, `/\\elsewhere`, a
 * tab or a newline that browsers drop) goes to `/`.
 */
function localPath(returnTo: string): string {
  if (!returnTo.startsWith('/') || /[\\\p{Cc}]/u.test(returnTo)) return '/';
  const base = 'http://rampart.invalid';
  const url = new URL(returnTo, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
}

/**
 * The person this identity signs in as: the one it signed in as before; else, when the
 * provider vouches for the email (`email_verified: true`), the person an admin invited with
 * that email, unless another identity has them; else nobody (a new person). An account is never
 * taken over by an identity whose email the provider did not verify.
 */
async function personFor(
  tx: StoreWriter,
  subject: string,
  email: string,
  verified: boolean,
): Promise<UserRecord | undefined> {
  const linked = await tx.getUserBySsoSubject(subject);
  if (linked !== undefined) return linked;
  const byEmail = await tx.getUserByEmail(email);
  if (byEmail === undefined) return undefined;
  if (byEmail.ssoSubject !== null)
    throw new RampartError('forbidden', `${email} signs in with another single sign-on identity; ask an admin`);
  if (!verified)
    throw new RampartError(
      'forbidden',
      `an account for ${email} exists, and the identity provider did not verify this email, so it is not linked; ask an admin`,
    );
  return byEmail;
}

function groupsOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((group): group is string => typeof group === 'string') : [];
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? ` (${error.code})` : '';
    return `${error.message}${code}`;
  }
  return String(error);
}
