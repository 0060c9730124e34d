import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { PeopleRows } from '../rows.js';
import { environments, invitations, personalTokens, sessions, ssoLogins, users } from './schema.js';

type Db = BetterSQLite3Database<Record<string, never>>;

/**
 * The statements over people, sessions, tokens, invitations and single sign-ons, on SQLite.
 *
 * @example
 * const rows = { ...createSqliteRows(db), ...createSqlitePeopleRows(db) };
 */
export function createSqlitePeopleRows(db: Db): PeopleRows {
  return {
    listUsers: async () => db.select().from(users).orderBy(asc(users.createdAt), asc(users.id)).all(),
    getUser: async (id) => db.select().from(users).where(eq(users.id, id)).get(),
    getUserByEmail: async (email) => db.select().from(users).where(eq(users.email, email)).get(),
    getUserBySsoSubject: async (subject) => db.select().from(users).where(eq(users.ssoSubject, subject)).get(),
    getInvitationByHash: async (hash) => db.select().from(invitations).where(eq(invitations.hash, hash)).get(),
    getSession: async (hash) => db.select().from(sessions).where(eq(sessions.hash, hash)).get(),
    listPersonalTokens: async (userId) =>
      db
        .select()
        .from(personalTokens)
        .where(eq(personalTokens.userId, userId))
        .orderBy(asc(personalTokens.createdAt), asc(personalTokens.id))
        .all(),
    getPersonalToken: async (id) => db.select().from(personalTokens).where(eq(personalTokens.id, id)).get(),
    getSsoLogin: async (stateHash) => db.select().from(ssoLogins).where(eq(ssoLogins.stateHash, stateHash)).get(),
    setEnvironmentProtection: async (key, value) => {
      db.update(environments).set(value).where(eq(environments.key, key)).run();
    },
    insertUser: async (row) =>
      db.insert(users).values(row).onConflictDoNothing().returning({ id: users.id }).all().length > 0,
    updateUser: async (row) => {
      db.update(users).set(row).where(eq(users.id, row.id)).run();
    },
    deleteUser: async (id) => {
      db.delete(users).where(eq(users.id, id)).run();
    },
    insertInvitation: async (row) => {
      db.insert(invitations).values(row).run();
    },
    updateInvitation: async (row) => {
      db.update(invitations).set(row).where(eq(invitations.id, row.id)).run();
    },
    deleteInvitations: async (userId, unusedOnly) => {
      const mine = eq(invitations.userId, userId);
      db.delete(invitations)
        .where(unusedOnly ? and(mine, isNull(invitations.usedAt)) : mine)
        .run();
    },
    insertSession: async (row) => {
      db.insert(sessions).values(row).run();
    },
    updateSession: async (row) => {
      db.update(sessions).set(row).where(eq(sessions.hash, row.hash)).run();
    },
    deleteSession: async (hash) => {
      db.delete(sessions).where(eq(sessions.hash, hash)).run();
    },
    deleteSessions: async (userId) => {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },
    insertPersonalToken: async (row) =>
      db.insert(personalTokens).values(row).onConflictDoNothing().returning({ id: personalTokens.id }).all().length > 0,
    updatePersonalToken: async (row) => {
      db.update(personalTokens).set(row).where(eq(personalTokens.id, row.id)).run();
    },
    deletePersonalTokens: async (userId) => {
      db.delete(personalTokens).where(eq(personalTokens.userId, userId)).run();
    },
    insertSsoLogin: async (row) => {
      db.insert(ssoLogins).values(row).run();
    },
    deleteSsoLogin: async (stateHash) => {
      db.delete(ssoLogins).where(eq(ssoLogins.stateHash, stateHash)).run();
    },
    // SQLite compares text byte by byte, as the ISO times need.
    deleteExpired: async (at) => {
      db.delete(sessions).where(lt(sessions.expiresAt, at)).run();
      db.delete(invitations)
        .where(and(isNull(invitations.usedAt), lt(invitations.expiresAt, at)))
        .run();
      db.delete(ssoLogins).where(lt(ssoLogins.expiresAt, at)).run();
    },
  };
}
