import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, Principal } from '../auth/principal.js';
import { RampartError } from '../base/errors.js';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-responses.js';
import {
  createdUserSchema,
  createUserSchema,
  invitationSchema,
  updateUserSchema,
  userListSchema,
  userSchema,
} from './people-schemas.js';
import {
  createUser,
  deleteUser,
  publicUser,
  resetPassword,
  updateUser,
  type Invitation,
  type PeopleDeps,
} from './people-writes.js';

const tags = ['people'];
const id = z.string().openapi({ param: { name: 'id', in: 'path' } });

const listUsers = createRoute({
  method: 'get',
  path: '/users',
  operationId: 'listUsers',
  tags,
  summary: 'List the people who may sign in',
  responses: { 200: jsonResponse(userListSchema, 'the people'), ...errorResponses() },
});
const postUser = createRoute({
  method: 'post',
  path: '/users',
  operationId: 'createUser',
  tags,
  summary: 'Add a person; the answer holds their one-time invitation to set a password',
  request: { body: jsonBody(createUserSchema) },
  responses: { 201: jsonResponse(createdUserSchema, 'the person and the invitation'), ...errorResponses(400) },
});
const getUser = createRoute({
  method: 'get',
  path: '/users/{id}',
  operationId: 'getUser',
  tags,
  summary: 'Read a person',
  request: { params: z.object({ id }) },
  responses: { 200: jsonResponse(userSchema, 'the person'), ...errorResponses(404) },
});
const patchUser = createRoute({
  method: 'patch',
  path: '/users/{id}',
  operationId: 'updateUser',
  tags,
  summary: "Change a person's name or role, or disable them (signed out everywhere, tokens stopped)",
  request: { params: z.object({ id }), body: jsonBody(updateUserSchema) },
  responses: { 200: jsonResponse(userSchema, 'the person'), ...errorResponses(400, 404, 409) },
});
const removeUser = createRoute({
  method: 'delete',
  path: '/users/{id}',
  operationId: 'deleteUser',
  tags,
  summary: 'Delete a person with their sessions, tokens and invitations (their audit entries stay)',
  request: { params: z.object({ id }) },
  responses: { 200: jsonResponse(userSchema, 'the deleted person'), ...errorResponses(404, 409) },
});
const postReset = createRoute({
  method: 'post',
  path: '/users/{id}/password-reset',
  operationId: 'resetUserPassword',
  tags,
  summary: 'A new one-time link for the person to set a new password',
  request: { params: z.object({ id }) },
  responses: { 200: jsonResponse(invitationSchema, 'the invitation'), ...errorResponses(404) },
});

/**
 * `/users` and `/users/{id}` (admins only, see auth/permissions.ts).
 *
 * @example
 * registerUserRoutes(router, deps);
 */
export function registerUserRoutes(router: OpenAPIHono<AppEnv>, deps: PeopleDeps): void {
  router.openapi(listUsers, async (c) => c.json({ users: (await deps.store.listUsers()).map(publicUser) }, 200));
  router.openapi(postUser, async (c) => {
    const { user, invitation } = await createUser(deps, c.var.principal.actor, c.req.valid('json'));
    return c.json({ user: publicUser(user), invitation: invitationView(c, deps, invitation) }, 201);
  });
  router.openapi(getUser, async (c) => {
    const user = await deps.store.getUser(c.req.valid('param').id);
    if (user === undefined) throw new RampartError('not_found', `user '${c.req.valid('param').id}' does not exist`);
    return c.json(publicUser(user), 200);
  });
  router.openapi(patchUser, async (c) => {
    const { principal } = c.var;
    const user = await updateUser(
      deps,
      principal.actor,
      c.req.valid('param').id,
      c.req.valid('json'),
      selfOf(principal),
    );
    return c.json(publicUser(user), 200);
  });
  router.openapi(removeUser, async (c) => {
    const { principal } = c.var;
    return c.json(publicUser(await deleteUser(deps, principal.actor, c.req.valid('param').id, selfOf(principal))), 200);
  });
  router.openapi(postReset, async (c) => {
    const invitation = await resetPassword(deps, c.var.principal.actor, c.req.valid('param').id);
    return c.json(invitationView(c, deps, invitation), 200);
  });
}

/**
 * An invitation as the answer shows it, with the URL to accept it.
 *
 * @example
 * invitationView(c, deps, invitation); // { token, acceptUrl, pageUrl, expiresAt }
 */
export function invitationView(c: Context, deps: Pick<PeopleDeps, 'publicUrl'>, invitation: Invitation) {
  const base = (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
  return {
    ...invitation,
    acceptUrl: `${base}/api/v1/invitations/${invitation.token}`,
    // The token in the fragment, which browsers never send: the page posts it to acceptUrl.
    pageUrl: `${base}/invitation#${invitation.token}`,
  };
}

function selfOf(principal: Principal): string | undefined {
  return principal.kind === 'person' ? principal.keyId : undefined;
}
