import { z } from '@hono/zod-openapi';
import { PASSWORD_LENGTH } from '../auth/passwords.js';
import { text, timestampSchema } from '../model/common.js';
import { ROLES } from '../store/store.js';

export const roleSchema = z.enum(ROLES).openapi({
  description:
    '`viewer` reads; `editor` also changes flags, configurations, segments, release plans and triggers; `admin` does everything',
});
const emailSchema = z
  .string()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address')
  .openapi({ example: 'alice@example.com' });
const nameSchema = text(200).min(1).openapi({ example: 'Alice Martin' });

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    disabled: z.boolean(),
    hasPassword: z.boolean(),
    singleSignOn: z.boolean().openapi({ description: 'whether the person has signed in through single sign-on' }),
    createdAt: timestampSchema,
    lastSeenAt: timestampSchema.nullable(),
  })
  .openapi('User');

export const userListSchema = z.object({ users: z.array(userSchema) }).openapi('UserList');

export const invitationSchema = z
  .object({
    token: z.string().openapi({ description: 'shown in this response only; the person sets a password with it' }),
    acceptUrl: z.string().openapi({
      description: 'POST `{ "password" }` here to set the password (no credential needed)',
      example: 'https://flags.example.com/api/v1/invitations/rpi_…',
    }),
    pageUrl: z.string().openapi({
      description: "the web UI's page to open in a browser to set the password (the token is in the fragment)",
      example: 'https://flags.example.com/invitation#rpi_…',
    }),
    expiresAt: timestampSchema,
  })
  .openapi('Invitation');

export const createUserSchema = z
  .strictObject({ email: emailSchema, name: nameSchema, role: roleSchema })
  .openapi('CreateUser');

export const createdUserSchema = z.object({ user: userSchema, invitation: invitationSchema }).openapi('CreatedUser');

export const updateUserSchema = z
  .strictObject({
    name: nameSchema.optional(),
    role: roleSchema.optional(),
    disabled: z
      .boolean()
      .optional()
      .openapi({ description: 'a disabled person is signed out everywhere and their tokens stop working' }),
  })
  .openapi('UpdateUser');

export const passwordSchema = z
  .string()
  .min(PASSWORD_LENGTH.min, `must be at least ${PASSWORD_LENGTH.min} characters`)
  .max(PASSWORD_LENGTH.max);

export const acceptInvitationSchema = z.strictObject({ password: passwordSchema }).openapi('AcceptInvitation');

export const signInSchema = z
  .strictObject({ email: z.string().max(254), password: z.string().max(PASSWORD_LENGTH.max) })
  .openapi('SignIn');

export const meSchema = z
  .object({
    kind: z.enum(['person', 'key']),
    name: z.string().openapi({ description: "the person's email or the key's name" }),
    role: roleSchema,
    via: z.enum(['ui', 'api', 'cli', 'key']),
    user: userSchema.optional(),
  })
  .openapi('Me');

export const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleSchema,
    createdAt: timestampSchema,
    expiresAt: timestampSchema.nullable(),
    lastUsedAt: timestampSchema.nullable(),
    revokedAt: timestampSchema.nullable(),
  })
  .openapi('PersonalToken');

export const tokenListSchema = z.object({ tokens: z.array(tokenSchema) }).openapi('PersonalTokenList');

export const createTokenSchema = z
  .strictObject({
    name: text(200).min(1),
    role: roleSchema.optional().openapi({ description: "at most the owner's role, which is the default" }),
    expiresInDays: z.number().int().min(1).max(3650).optional().openapi({ description: 'absent: never expires' }),
  })
  .openapi('CreatePersonalToken');

export const createdTokenSchema = tokenSchema
  .extend({ token: z.string().openapi({ description: '`rpt_…`, shown in this response only' }) })
  .openapi('CreatedPersonalToken');

export const signInMethodsSchema = z
  .object({
    password: z.literal(true),
    sso: z
      .object({ url: z.string(), label: z.string() })
      .nullable()
      .openapi({ description: 'where a browser starts single sign-on, when it is configured' }),
  })
  .openapi('SignInMethods');
