import { RampartError } from '../base/errors.js';
import { ifFound, readInvitation, readPersonalToken, readSession, readUser } from './read-rows.js';
import type { PeopleRows } from './rows.js';
import type { StoreWriter, UserRecord } from './store.js';

type PeopleAccess = Pick<
  StoreWriter,
  | 'listUsers'
  | 'getUser'
  | 'getUserByEmail'
  | 'getUserBySsoSubject'
  | 'getInvitationByHash'
  | 'getSession'
  | 'listPersonalTokens'
  | 'getPersonalToken'
  | 'getSsoLogin'
  | 'setEnvironmentProtection'
  | 'insertUser'
  | 'updateUser'
  | 'deleteUser'
  | 'insertInvitation'
  | 'updateInvitation'
  | 'deleteInvitations'
  | 'insertSession'
  | 'updateSession'
  | 'deleteSession'
  | 'deleteSessions'
  | 'deleteExpired'
  | 'insertPersonalToken'
  | 'updatePersonalToken'
  | 'insertSsoLogin'
  | 'deleteSsoLogin'
>;

/**
 * The store's methods over people, sessions, tokens, invitations and single sign-ons, for
 * {@link createRowAccess}: emails kept lower-case, duplicates named, a person's dependants
 * deleted with them.
 *
 * @example
 * const access = { ...peopleAccess(rows), ... };
 */
export function peopleAccess(rows: PeopleRows): PeopleAccess {
  const getUser = async (id: string) => ifFound(await rows.getUser(id), readUser);
  const getUserByEmail = async (email: string) => ifFound(await rows.getUserByEmail(email.toLowerCase()), readUser);
  const getUserBySsoSubject = async (subject: string) => ifFound(await rows.getUserBySsoSubject(subject), readUser);
  // Checked before writing: in PostgreSQL a unique violation would abort the transaction.
  const takenBy = async (user: UserRecord): Promise<string | undefined> => {
    const byEmail = await getUserByEmail(user.email);
    if (byEmail !== undefined && byEmail.id !== user.id) return `the email ${user.email}`;
    const bySubject = user.ssoSubject === null ? undefined : await getUserBySsoSubject(user.ssoSubject);
    if (bySubject !== undefined && bySubject.id !== user.id) return 'the single sign-on identity';
    return undefined;
  };
  return {
    listUsers: async () => (await rows.listUsers()).map(readUser),
    getUser,
    getUserByEmail,
    getUserBySsoSubject,
    getInvitationByHash: async (hash) => ifFound(await rows.getInvitationByHash(hash), readInvitation),
    getSession: async (hash) => ifFound(await rows.getSession(hash), readSession),
    listPersonalTokens: async (userId) => (await rows.listPersonalTokens(userId)).map(readPersonalToken),
    getPersonalToken: async (id) => ifFound(await rows.getPersonalToken(id), readPersonalToken),
    getSsoLogin: (stateHash) => rows.getSsoLogin(stateHash),
    setEnvironmentProtection: (key, value) => rows.setEnvironmentProtection(key, value),
    insertUser: async (record) => {
      const user = { ...record, email: record.email.toLowerCase() };
      if ((await getUser(user.id)) !== undefined)
        throw new RampartError('conflict', `user '${user.id}' already exists`);
      const taken = await takenBy(user);
      if (taken !== undefined) throw new RampartError('conflict', `another user has ${taken}`);
      if (!(await rows.insertUser(user))) throw new RampartError('conflict', `user '${user.id}' already exists`);
    },
    updateUser: async (record) => {
      const user = { ...record, email: record.email.toLowerCase() };
      const taken = await takenBy(user);
      if (taken !== undefined) throw new RampartError('conflict', `another user has ${taken}`);
      await rows.updateUser(user);
    },
    deleteUser: async (id) => {
      await rows.deleteInvitations(id, false);
      await rows.deleteSessions(id);
      await rows.deletePersonalTokens(id);
      await rows.deleteUser(id);
    },
    insertInvitation: (record) => rows.insertInvitation(record),
    updateInvitation: (record) => rows.updateInvitation(record),
    deleteInvitations: (userId) => rows.deleteInvitations(userId, true),
    insertSession: (record) => rows.insertSession(record),
    updateSession: (record) => rows.updateSession(record),
    deleteSession: (hash) => rows.deleteSession(hash),
    deleteSessions: (userId) => rows.deleteSessions(userId),
    deleteExpired: (at) => rows.deleteExpired(at),
    // ON CONFLICT DO NOTHING keeps the transaction usable; which key was taken is asked after.
    insertPersonalToken: async (record) => {
      if (await rows.insertPersonalToken(record)) return;
      if ((await rows.getPersonalToken(record.id)) !== undefined)
        throw new RampartError('conflict', `token '${record.id}' already exists`);
      throw new RampartError('conflict', `another token has the hash of token '${record.id}'`);
    },
    updatePersonalToken: (record) => rows.updatePersonalToken(record),
    insertSsoLogin: (record) => rows.insertSsoLogin(record),
    deleteSsoLogin: (stateHash) => rows.deleteSsoLogin(stateHash),
  };
}
