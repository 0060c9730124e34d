import { and, eq, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PeopleRows } from '../rows.js';
import { bytewise, first, type PostgresDb } from './postgres-db.js';
import { environments, invitations, personalTokens, sessions, ssoLogins, users } from './schema.js';

/**
 * The statements over people, sessions, tokens, invitations and single sign-ons, on
 * PostgreSQL. Inserts that may meet an existing key use ON CONFLICT DO NOTHING: a failed
 * statement would abort the transaction.
 *
 * @example
 * const rows = { ...createPostgresRows(db), ...createPostgresPeopleRows(db) };
 */
export function createPostgresPeopleRows(db: PostgresDb): PeopleRows {
  return {
    listUsers: async () => db.select().from(users).orderBy(bytewise(users.createdAt), bytewise(users.id)),
    getUser: async (id) => first(await db.select().from(users).where(eq(users.id, id))),
    getUserByEmail: async (email) => first(await db.select().from(users).where(eq(users.email, email))),
    getUserBySsoSubject: async (subject) => first(await db.select().from(users).where(eq(users.ssoSubject, subject))),
    getInvitationByHash: async (hash) => first(await db.select().from(invitations).where(eq(invitations.hash, hash))),
    getSession: async (hash) => first(await db.select().from(sessions).where(eq(sessions.hash, hash))),
    listPersonalTokens: async (userId) =>
      db
        .select()
        .from(personalTokens)
        .where(eq(personalTokens.userId, userId))
        .orderBy(bytewise(personalTokens.createdAt), bytewise(personalTokens.id)),
    getPersonalToken: async (id) => first(await db.select().from(personalTokens).where(eq(personalTokens.id, id))),
    getSsoLogin: async (stateHash) =>
      first(await db.select().from(ssoLogins).where(eq(ssoLogins.stateHash, stateHash))),
    setEnvironmentProtection: async (key, value) => {
      await db.update(environments).set(value).where(eq(environments.key, key));
    },
    insertUser: async (row) =>
      (await db.insert(users).values(row).onConflictDoNothing().returning({ id: users.id })).length > 0,
    updateUser: async (row) => {
      await db.update(users).set(row).where(eq(users.id, row.id));
    },
    deleteUser: async (id) => {
      await db.delete(users).where(eq(users.id, id));
    },
    insertInvitation: async (row) => {
      await db.insert(invitations).values(row);
    },
    updateInvitation: async (row) => {
      await db.update(invitations).set(row).where(eq(invitations.id, row.id));
    },
    deleteInvitations: async (userId, unusedOnly) => {
      const mine = eq(invitations.userId, userId);
      await db.delete(invitations).where(unusedOnly ? and(mine, isNull(invitations.usedAt)) : mine);
    },
    insertSession: async (row) => {
      await db.insert(sessions).values(row);
    },
    updateSession: async (row) => {
      await db.update(sessions).set(row).where(eq(sessions.hash, row.hash));
    },
    deleteSession: async (hash) => {
      await db.delete(sessions).where(eq(sessions.hash, hash));
    },
    deleteSessions: async (userId) => {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },
    insertPersonalToken: async (row) =>
      (await db.insert(personalTokens).values(row).onConflictDoNothing().returning({ id: personalTokens.id })).length >
      0,
    updatePersonalToken: async (row) => {
      await db.update(personalTokens).set(row).where(eq(personalTokens.id, row.id));
    },
    deletePersonalTokens: async (userId) => {
      await db.delete(personalTokens).where(eq(personalTokens.userId, userId));
    },
    insertSsoLogin: async (row) => {
      await db.insert(ssoLogins).values(row);
    },
    deleteSsoLogin: async (stateHash) => {
      await db.delete(ssoLogins).where(eq(ssoLogins.stateHash, stateHash));
    },
    deleteExpired: async (at) => {
      await db.delete(sessions).where(before(sessions.expiresAt, at));
      await db.delete(invitations).where(and(isNull(invitations.usedAt), before(invitations.expiresAt, at)));
      await db.delete(ssoLogins).where(before(ssoLogins.expiresAt, at));
    },
  };
}

/** An ISO time before `at`, compared byte by byte. */
function before(column: AnyColumn, at: string): SQL {
  return sql`${column} collate "C" < ${at}`;
}
