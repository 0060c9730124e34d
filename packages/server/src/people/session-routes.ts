import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth/authenticate-person.js';
import { sha256Hex } from '../auth/digest.js';
import type { AppEnv, Principal } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import { errorResponseSchema } from '../model/common.js';
import type { UserRecord } from '../store/store.js';
import {
  acceptInvitationSchema,
  createdTokenSchema,
  createTokenSchema,
  meSchema,
  signInMethodsSchema,
  signInSchema,
  tokenListSchema,
  tokenSchema,
  userSchema,
} from './people-schemas.js';
import { acceptInvitation, createToken, publicToken, publicUser, revokeToken } from './people-writes.js';
import { signIn, type SignInDeps } from './sign-in.js';

const tags = ['sessions'];
const tooMany = {
  429: jsonResponse(errorResponseSchema, 'rate_limited: too many failed sign-ins; the message says until when'),
};

const postSession = createRoute({
  method: 'post',
  path: '/session',
  operationId: 'signIn',
  tags,
  summary: 'Sign in with an email and a password: sets the session cookie',
  security: [],
  request: { body: jsonBody(signInSchema) },
  responses: { 200: jsonResponse(userSchema, 'signed in'), ...errorResponses(400), ...tooMany },
});
const deleteSession = createRoute({
  method: 'delete',
  path: '/session',
  operationId: 'signOut',
  tags,
  summary: 'Sign out: ends this session on every instance',
  responses: { 204: { description: 'signed out' }, ...errorResponses() },
});
const getMethods = createRoute({
  method: 'get',
  path: '/session/methods',
  operationId: 'signInMethods',
  tags,
  summary: 'How people may sign in here: password, and single sign-on when configured',
  security: [],
  responses: { 200: jsonResponse(signInMethodsSchema, 'the methods') },
});
const getMe = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags,
  summary: 'Who the credential is, with its role',
  responses: { 200: jsonResponse(meSchema, 'the person or key'), ...errorResponses() },
});
const listTokens = createRoute({
  method: 'get',
  path: '/me/tokens',
  operationId: 'listPersonalTokens',
  tags,
  summary: 'Your personal access tokens (never the tokens themselves)',
  responses: { 200: jsonResponse(tokenListSchema, 'the tokens'), ...errorResponses() },
});
const postToken = createRoute({
  method: 'post',
  path: '/me/tokens',
  operationId: 'createPersonalToken',
  tags,
  summary: 'Create a personal access token (rpt_…) for the API and the CLI; it appears in this response only',
  request: { body: jsonBody(createTokenSchema) },
  responses: { 201: jsonResponse(createdTokenSchema, 'the token'), ...errorResponses(400) },
});
const removeToken = createRoute({
  method: 'delete',
  path: '/me/tokens/{id}',
  operationId: 'revokePersonalToken',
  tags,
  summary: 'Revoke one of your personal access tokens',
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 200: jsonResponse(tokenSchema, 'the revoked token'), ...errorResponses(404) },
});
const postInvitation = createRoute({
  method: 'post',
  path: '/invitations/{token}',
  operationId: 'acceptInvitation',
  tags,
  summary: 'Set your password with an invitation or reset link (once; no credential needed)',
  security: [],
  request: {
    params: z.object({ token: z.string().openapi({ param: { name: 'token', in: 'path' } }) }),
    body: jsonBody(acceptInvitationSchema),
  },
  responses: { 200: jsonResponse(userSchema, 'the password is set; sign in with it'), ...errorResponses(400, 404) },
});

export interface SessionRouteDeps extends SignInDeps {
  /** The client's address, for limiting failed sign-ins; `undefined` when the runtime cannot tell. */
  clientAddress: (c: Context) => string | undefined;
  /** Single sign-on's start URL and button label, when configured. */
  sso: { label: string } | undefined;
}

/**
 * `/session` (sign in, sign out, the methods), `/me` and its tokens, and `/invitations/{token}`.
 *
 * @example
 * registerSessionRoutes(router, deps);
 */
export function registerSessionRoutes(router: OpenAPIHono<AppEnv>, deps: SessionRouteDeps): void {
  router.openapi(postSession, async (c) => {
    const previous = getCookie(c, SESSION_COOKIE);
    // Unknown (a runtime that cannot tell): limited per account only, never one bucket for everyone.
    const address = deps.clientAddress(c);
    const previousHash = previous === undefined || previous === '' ? undefined : await sha256Hex(previous);
    const { user, session, token } = await signIn(deps, c.req.valid('json'), address, previousHash);
    setSessionCookie(c, token, Date.parse(session.expiresAt) - Date.parse(session.createdAt), deps.publicUrl);
    return c.json(publicUser(user), 200);
  });
  router.openapi(deleteSession, async (c) => {
    const { session } = c.var.principal;
    if (session !== undefined) await deps.store.transaction((tx) => tx.deleteSession(session.hash));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  router.openapi(getMethods, (c) =>
    c.json(
      {
        password: true as const,
        sso: deps.sso === undefined ? null : { url: '/api/v1/session/sso', label: deps.sso.label },
      },
      200,
    ),
  );
  router.openapi(getMe, async (c) => {
    const { principal } = c.var;
    const user = principal.kind === 'person' ? await deps.store.getUser(principal.keyId) : undefined;
    return c.json(
      {
        kind: principal.kind === 'person' ? ('person' as const) : ('key' as const),
        name: principal.name,
        role: principal.role ?? 'viewer',
        via:
          principal.actor.via === 'ui' || principal.actor.via === 'api' || principal.actor.via === 'cli'
            ? principal.actor.via
            : ('key' as const),
        ...(user === undefined ? {} : { user: publicUser(user) }),
      },
      200,
    );
  });
  router.openapi(listTokens, async (c) => {
    const user = await personOf(deps, c.var.principal);
    return c.json({ tokens: (await deps.store.listPersonalTokens(user.id)).map(publicToken) }, 200);
  });
  router.openapi(postToken, async (c) => {
    const user = await personOf(deps, c.var.principal);
    const { principal } = c.var;
    const acting = principal.role ?? 'viewer';
    const { record, token } = await createToken(deps, principal.actor, user, c.req.valid('json'), acting);
    return c.json({ ...publicToken(record), token }, 201);
  });
  router.openapi(removeToken, async (c) => {
    const user = await personOf(deps, c.var.principal);
    return c.json(publicToken(await revokeToken(deps, c.var.principal.actor, user.id, c.req.valid('param').id)), 200);
  });
  router.openapi(postInvitation, async (c) => {
    const user = await acceptInvitation(deps, c.req.valid('param').token, c.req.valid('json').password);
    return c.json(publicUser(user), 200);
  });
}

/**
 * Sets the session cookie: `HttpOnly` (no script reads it), `SameSite=Lax` (not sent on other
 * sites' requests but top-level navigation), `Secure` when the server is reached over HTTPS.
 *
 * @example
 * setSessionCookie(c, token, 12 * 3_600_000, publicUrl);
 */
export function setSessionCookie(c: Context, token: string, maxAgeMs: number, publicUrl: string | undefined): void {
  const https = new URL(c.req.url).protocol === 'https:' || (publicUrl?.startsWith('https:') ?? false);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: https,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

async function personOf(deps: Pick<SessionRouteDeps, 'store'>, principal: Principal): Promise<UserRecord> {
  const user = principal.kind === 'person' ? await deps.store.getUser(principal.keyId) : undefined;
  if (user === undefined)
    throw new RampartError(
      'forbidden',
      'personal access tokens belong to people: sign in, or use a token, to manage them',
    );
  return user;
}
