import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth/authenticate-person.js';
import { sha256Hex } from '../auth/digest.js';
import type { AppEnv } from '../auth/principal.js';
import { jsonResponse } from '../http/openapi-responses.js';
import { errorResponseSchema } from '../model/common.js';
import { setSessionCookie } from '../people/index.js';
import { createProvider, finishSignIn, LOGIN_TTL_MS, startSignIn, type SsoDeps } from './sso-sign-in.js';

/** Ties a sign-in to the browser that started it (see `startSignIn`). */
const BINDING_COOKIE = 'rampart_sso';

const tags = ['sessions'];
const failed = {
  400: jsonResponse(errorResponseSchema, 'validation_failed: the sign-in is unknown or expired'),
  401: jsonResponse(errorResponseSchema, 'unauthorized: the provider refused, or its answer did not check out'),
  403: jsonResponse(
    errorResponseSchema,
    'forbidden: no group of the person has a role here, or the account is disabled',
  ),
  503: jsonResponse(errorResponseSchema, 'unavailable: the identity provider did not answer'),
};

const start = createRoute({
  method: 'get',
  path: '/session/sso',
  operationId: 'startSingleSignOn',
  tags,
  summary: 'Start single sign-on: redirects the browser to the identity provider',
  security: [],
  request: {
    query: z.object({
      returnTo: z
        .string()
        .max(2000)
        .optional()
        .openapi({ description: 'a path on this server to come back to', example: '/' }),
    }),
  },
  responses: { 302: { description: "to the provider's sign-in page" }, ...failed },
});
const callback = createRoute({
  method: 'get',
  path: '/session/sso/callback',
  operationId: 'finishSingleSignOn',
  tags,
  summary: "The identity provider's redirect back: signs the person in and redirects to returnTo",
  security: [],
  request: {
    query: z.object({
      code: z.string().optional(),
      state: z.string().optional(),
      error: z.string().optional(),
      error_description: z.string().optional(),
    }),
  },
  responses: { 302: { description: 'signed in: the session cookie is set' }, ...failed },
});

/**
 * `/session/sso` and its callback, when single sign-on is configured.
 *
 * @example
 * registerSsoRoutes(router, { ...deps, sso: config.sso });
 */
export function registerSsoRoutes(
  router: OpenAPIHono<AppEnv>,
  deps: SsoDeps & { publicUrl: string | undefined },
): void {
  const provider = createProvider(deps.sso);
  router.openapi(start, async (c) => {
    const { url, binding } = await startSignIn(deps, provider, c.req.valid('query').returnTo ?? '/');
    setCookie(c, BINDING_COOKIE, binding, {
      httpOnly: true,
      // Lax: the provider sends the browser back with a top-level GET, which carries it.
      sameSite: 'Lax',
      path: '/api/v1/session/sso',
      secure: new URL(deps.sso.redirectUri).protocol === 'https:',
      maxAge: LOGIN_TTL_MS / 1000,
    });
    return c.redirect(url.href, 302);
  });
  router.openapi(callback, async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const previous = cookie === undefined || cookie === '' ? undefined : await sha256Hex(cookie);
    const binding = getCookie(c, BINDING_COOKIE);
    deleteCookie(c, BINDING_COOKIE, { path: '/api/v1/session/sso' });
    const { session, token, returnTo } = await finishSignIn(deps, provider, new URL(c.req.url), { binding, previous });
    setSessionCookie(c, token, Date.parse(session.expiresAt) - Date.parse(session.createdAt), deps.publicUrl);
    return c.redirect(returnTo, 302);
  });
}
