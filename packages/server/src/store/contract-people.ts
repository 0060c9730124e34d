import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deliveryRecord,
  environmentRecord,
  invitationRecord,
  personalTokenRecord,
  sessionRecord,
  ssoLoginRecord,
  userRecord,
  webhookRecord,
} from './contract-fixtures.js';
import type { StoreContractOptions } from './contract.js';
import type { AuditVia, NewAuditEntry, Store, StoreWriter } from './store.js';

const AT = '2030-01-01T00:00:00.000Z';
const LATER = '2030-01-02T00:00:00.000Z';

function auditEntry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    at: AT,
    actor: 'alice@example.com',
    action: 'user.created',
    targetKind: 'user',
    target: 'bob',
    before: null,
    after: { role: 'viewer' },
    ...overrides,
  };
}

/**
 * The behaviour over people, sessions, tokens, invitations, single sign-ons, protected
 * environments and how audit entries were made that every {@link Store} must have.
 *
 * @example
 * runPeopleContract({ create: () => createSqliteStore({ filename: ':memory:' }) });
 */
export function runPeopleContract({ create }: StoreContractOptions): void {
  let store: Store;
  beforeEach(async () => {
    store = await create();
  });
  afterEach(async () => {
    await store.close();
  });
  const seed = <T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> => store.transaction(work);

  describe('people', () => {
    it('keeps every field of a person, with the email lower-cased, and lists by creation time, then id, byte by byte', async () => {
      const alice = userRecord('alice', {
        email: 'Alice@Example.COM',
        name: 'Alice Liddell',
        role: 'admin',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
        disabled: true,
        ssoSubject: 'https://idp.example.com|42',
        failedSignIns: 3,
        lockedUntil: '2030-01-03T00:00:00.000Z',
        createdAt: LATER,
        updatedAt: '2030-01-04T00:00:00.000Z',
        lastSeenAt: '2030-01-05T00:00:00.000Z',
      });
      await seed(async (tx) => {
        await tx.insertUser(userRecord('carol', { createdAt: LATER }));
        await tx.insertUser(alice);
        await tx.insertUser(userRecord('Zed', { createdAt: LATER }));
        await tx.insertUser(userRecord('bob'));
      });
      const stored = { ...alice, email: 'alice@example.com' };
      expect(await store.getUser('alice')).toEqual(stored);
      expect(await store.getUser('Alice')).toBeUndefined();
      const listed = await store.listUsers();
      expect(listed.map((u) => u.id)).toEqual(['bob', 'Zed', 'alice', 'carol']);
      expect(listed[2]).toEqual(stored);
      expect(listed[1]).toEqual(userRecord('Zed', { email: 'zed@example.com', createdAt: LATER }));
    });

    it('finds a person by email in any case, and by single sign-on subject exactly', async () => {
      const alice = userRecord('alice', { ssoSubject: 'https://idp.example.com|42' });
      await seed(async (tx) => {
        await tx.insertUser(alice);
        await tx.insertUser(userRecord('bob'));
      });
      expect(await store.getUserByEmail('alice@example.com')).toEqual(alice);
      expect(await store.getUserByEmail('ALICE@Example.Com')).toEqual(alice);
      expect(await store.getUserByEmail('alice@example.org')).toBeUndefined();
      expect(await store.getUserBySsoSubject('https://idp.example.com|42')).toEqual(alice);
      expect(await store.getUserBySsoSubject('https://IDP.example.com|42')).toBeUndefined();
      expect(await store.getUserBySsoSubject('https://idp.example.com|4')).toBeUndefined();
    });

    it('refuses a duplicate id, email or SSO subject on insert, naming which, and the transaction goes on', async () => {
      await seed(async (tx) => {
        await tx.insertUser(userRecord('alice', { ssoSubject: 's1' }));
        await expect(tx.insertUser(userRecord('alice', { email: 'x@example.com' }))).rejects.toMatchObject({
          code: 'conflict',
          message: "user 'alice' already exists",
        });
        await expect(tx.insertUser(userRecord('other', { email: 'ALICE@example.com' }))).rejects.toMatchObject({
          code: 'conflict',
          message: 'another user has the email alice@example.com',
        });
        await expect(tx.insertUser(userRecord('other', { ssoSubject: 's1' }))).rejects.toMatchObject({
          code: 'conflict',
          message: 'another user has the single sign-on identity',
        });
        // Any number of people may have no SSO subject.
        await tx.insertUser(userRecord('bob'));
        await tx.insertUser(userRecord('other'));
      });
      expect(await store.listUsers()).toEqual([
        userRecord('alice', { ssoSubject: 's1' }),
        userRecord('bob'),
        userRecord('other'),
      ]);
    });

    it("replaces a person, refusing another's email or SSO subject before writing, and the transaction goes on", async () => {
      await seed(async (tx) => {
        await tx.insertUser(userRecord('alice', { ssoSubject: 's-alice' }));
        await tx.insertUser(userRecord('bob'));
      });
      const robert = userRecord('bob', {
        email: 'Robert@Example.com',
        name: 'Robert',
        role: 'admin',
        passwordHash: '$argon2id$v=19$new',
        disabled: true,
        ssoSubject: 's-bob',
        failedSignIns: 2,
        lockedUntil: '2030-01-03T00:00:00.000Z',
        updatedAt: LATER,
        lastSeenAt: LATER,
      });
      await seed(async (tx) => {
        await expect(tx.updateUser(userRecord('bob', { email: 'ALICE@example.com' }))).rejects.toMatchObject({
          code: 'conflict',
          message: 'another user has the email alice@example.com',
        });
        await expect(tx.updateUser(userRecord('bob', { ssoSubject: 's-alice' }))).rejects.toMatchObject({
          code: 'conflict',
          message: 'another user has the single sign-on identity',
        });
        expect(await tx.getUser('bob')).toEqual(userRecord('bob'));
        await tx.updateUser(robert);
        // Keeping one's own email and subject is no conflict.
        await tx.updateUser(userRecord('alice', { ssoSubject: 's-alice', name: 'Alice', role: 'editor' }));
      });
      expect(await store.getUser('bob')).toEqual({ ...robert, email: 'robert@example.com' });
      expect(await store.getUser('alice')).toEqual(
        userRecord('alice', { ssoSubject: 's-alice', name: 'Alice', role: 'editor' }),
      );
      expect(await store.getUserByEmail('bob@example.com')).toBeUndefined();
      expect((await store.getUserByEmail('ROBERT@example.com'))?.id).toBe('bob');
      expect((await store.getUserBySsoSubject('s-bob'))?.id).toBe('bob');
    });

    it("deletes a person with all their invitations, sessions and tokens, keeping everyone else's and the audit log", async () => {
      await seed(async (tx) => {
        for (const id of ['alice', 'bob']) {
          await tx.insertUser(userRecord(id));
          await tx.insertSession(sessionRecord(`s-${id}`, id));
          await tx.insertPersonalToken(personalTokenRecord(`t-${id}`, id));
          await tx.insertInvitation(invitationRecord(`i-${id}`, id));
          await tx.insertInvitation(invitationRecord(`used-${id}`, id, { usedAt: AT }));
        }
        await tx.appendAudit(auditEntry({ target: 'alice', via: 'ui' }));
      });
      await seed((tx) => tx.deleteUser('alice'));
      expect(await store.listUsers()).toEqual([userRecord('bob')]);
      expect(await store.getSession('s-alice')).toBeUndefined();
      expect(await store.getPersonalToken('t-alice')).toBeUndefined();
      expect(await store.listPersonalTokens('alice')).toEqual([]);
      expect(await store.getInvitationByHash('hash-i-alice')).toBeUndefined();
      expect(await store.getInvitationByHash('hash-used-alice')).toBeUndefined();
      expect(await store.getSession('s-bob')).toEqual(sessionRecord('s-bob', 'bob'));
      expect(await store.listPersonalTokens('bob')).toEqual([personalTokenRecord('t-bob', 'bob')]);
      expect(await store.getInvitationByHash('hash-i-bob')).toEqual(invitationRecord('i-bob', 'bob'));
      expect(await store.getInvitationByHash('hash-used-bob')).toEqual(
        invitationRecord('used-bob', 'bob', { usedAt: AT }),
      );
      const { entries } = await store.listAudit({ limit: 10 });
      expect(entries.map(({ id: _id, ...entry }) => entry)).toEqual([auditEntry({ target: 'alice', via: 'ui' })]);
    });
  });

  describe('invitations', () => {
    it('reads an invitation by its hash, marks it used, and replaces only one person’s unused ones', async () => {
      const reset = invitationRecord('reset', 'alice', {
        purpose: 'reset',
        createdBy: 'bob@example.com',
        createdAt: LATER,
        expiresAt: '2030-01-03T00:00:00.000Z',
      });
      await seed(async (tx) => {
        await tx.insertUser(userRecord('alice'));
        await tx.insertUser(userRecord('bob'));
        await tx.insertInvitation(reset);
        await tx.insertInvitation(invitationRecord('open', 'alice'));
        await tx.insertInvitation(invitationRecord('used', 'alice', { usedAt: AT }));
        await tx.insertInvitation(invitationRecord('bobs', 'bob'));
      });
      expect(await store.getInvitationByHash('hash-reset')).toEqual(reset);
      expect(await store.getInvitationByHash('reset')).toBeUndefined();
      await seed((tx) => tx.updateInvitation({ ...reset, usedAt: '2030-01-02T12:00:00.000Z' }));
      expect(await store.getInvitationByHash('hash-reset')).toEqual({ ...reset, usedAt: '2030-01-02T12:00:00.000Z' });
      await seed((tx) => tx.deleteInvitations('alice'));
      expect(await store.getInvitationByHash('hash-open')).toBeUndefined();
      expect(await store.getInvitationByHash('hash-reset')).toEqual({ ...reset, usedAt: '2030-01-02T12:00:00.000Z' });
      expect(await store.getInvitationByHash('hash-used')).toEqual(invitationRecord('used', 'alice', { usedAt: AT }));
      expect(await store.getInvitationByHash('hash-bobs')).toEqual(invitationRecord('bobs', 'bob'));
    });
  });

  describe('sessions', () => {
    it('keeps, replaces and deletes sessions one at a time or all of one person', async () => {
      await seed(async (tx) => {
        await tx.insertUser(userRecord('alice'));
        await tx.insertUser(userRecord('bob'));
        await tx.insertSession(sessionRecord('a1', 'alice'));
        await tx.insertSession(sessionRecord('a2', 'alice', { method: 'sso' }));
        await tx.insertSession(sessionRecord('b1', 'bob'));
      });
      expect(await store.getSession('a2')).toEqual(sessionRecord('a2', 'alice', { method: 'sso' }));
      expect(await store.getSession('a3')).toBeUndefined();
      const renewed = sessionRecord('a1', 'alice', {
        method: 'sso',
        expiresAt: '2032-01-01T00:00:00.000Z',
        lastSeenAt: LATER,
      });
      await seed((tx) => tx.updateSession(renewed));
      expect(await store.getSession('a1')).toEqual(renewed);
      await seed((tx) => tx.deleteSession('a1'));
      expect(await store.getSession('a1')).toBeUndefined();
      expect(await store.getSession('a2')).toEqual(sessionRecord('a2', 'alice', { method: 'sso' }));
      await seed((tx) => tx.deleteSessions('alice'));
      expect(await store.getSession('a2')).toBeUndefined();
      expect(await store.getSession('b1')).toEqual(sessionRecord('b1', 'bob'));
    });
  });

  describe('personal tokens', () => {
    it('lists one person’s tokens by creation time, then id, byte by byte, keeping every field', async () => {
      const expiring = personalTokenRecord('a', 'alice', {
        name: 'CI',
        role: 'viewer',
        expiresAt: '2031-01-01T00:00:00.000Z',
        lastUsedAt: LATER,
      });
      await seed(async (tx) => {
        await tx.insertUser(userRecord('alice'));
        await tx.insertUser(userRecord('bob'));
        await tx.insertPersonalToken(personalTokenRecord('b', 'alice', { createdAt: LATER }));
        await tx.insertPersonalToken(personalTokenRecord('Z', 'alice', { createdAt: LATER }));
        await tx.insertPersonalToken(expiring);
        await tx.insertPersonalToken(personalTokenRecord('c', 'bob'));
      });
      expect((await store.listPersonalTokens('alice')).map((t) => t.id)).toEqual(['a', 'Z', 'b']);
      expect((await store.listPersonalTokens('alice'))[0]).toEqual(expiring);
      expect(await store.listPersonalTokens('bob')).toEqual([personalTokenRecord('c', 'bob')]);
      expect(await store.listPersonalTokens('nobody')).toEqual([]);
      expect(await store.getPersonalToken('a')).toEqual(expiring);
      expect(await store.getPersonalToken('hash-a')).toBeUndefined();
    });

    it('refuses a duplicate id or hash, naming which, and the transaction goes on; replaces a token', async () => {
      await seed(async (tx) => {
        await tx.insertUser(userRecord('alice'));
        await tx.insertPersonalToken(personalTokenRecord('a', 'alice'));
        await expect(tx.insertPersonalToken(personalTokenRecord('a', 'alice', { hash: 'new' }))).rejects.toMatchObject({
          code: 'conflict',
          message: "token 'a' already exists",
        });
        await expect(
          tx.insertPersonalToken(personalTokenRecord('c', 'alice', { hash: 'hash-a' })),
        ).rejects.toMatchObject({ code: 'conflict', message: "another token has the hash of token 'c'" });
        await tx.insertPersonalToken(personalTokenRecord('c', 'alice'));
      });
      const revoked = personalTokenRecord('a', 'alice', {
        name: 'laptop',
        role: 'admin',
        expiresAt: '2031-01-01T00:00:00.000Z',
        lastUsedAt: LATER,
        revokedAt: '2030-01-03T00:00:00.000Z',
      });
      await seed((tx) => tx.updatePersonalToken(revoked));
      expect(await store.listPersonalTokens('alice')).toEqual([revoked, personalTokenRecord('c', 'alice')]);
    });
  });

  describe('single sign-ons', () => {
    it('keeps a single sign-on under way, every field, until it is deleted', async () => {
      const login = ssoLoginRecord('state', { returnTo: '/flags/a?environment=production', createdAt: LATER });
      await seed(async (tx) => {
        await tx.insertSsoLogin(login);
        await tx.insertSsoLogin(ssoLoginRecord('other'));
      });
      expect(await store.getSsoLogin('state')).toEqual(login);
      expect(await store.getSsoLogin('missing')).toBeUndefined();
      await seed((tx) => tx.deleteSsoLogin('state'));
      expect(await store.getSsoLogin('state')).toBeUndefined();
      expect(await store.getSsoLogin('other')).toEqual(ssoLoginRecord('other'));
    });
  });

  describe('expiry', () => {
    it('deletes sessions, unused invitations and single sign-ons that expired strictly before the time', async () => {
      const boundary = '2030-06-01T00:00:00.000Z';
      const times = { before: '2030-05-31T23:59:59.999Z', at: boundary, after: '2030-06-01T00:00:00.001Z' };
      await seed(async (tx) => {
        await tx.insertUser(userRecord('alice'));
        for (const [name, expiresAt] of Object.entries(times)) {
          await tx.insertSession(sessionRecord(`s-${name}`, 'alice', { expiresAt }));
          await tx.insertInvitation(invitationRecord(`i-${name}`, 'alice', { expiresAt }));
          await tx.insertInvitation(invitationRecord(`used-${name}`, 'alice', { expiresAt, usedAt: AT }));
          await tx.insertSsoLogin(ssoLoginRecord(`l-${name}`, { expiresAt }));
        }
      });
      await seed((tx) => tx.deleteExpired(boundary));
      const left = async (prefix: string, find: (key: string) => Promise<unknown>): Promise<string[]> => {
        const names: string[] = [];
        for (const name of Object.keys(times)) if ((await find(`${prefix}${name}`)) !== undefined) names.push(name);
        return names;
      };
      expect(await left('s-', (hash) => store.getSession(hash))).toEqual(['at', 'after']);
      expect(await left('hash-i-', (hash) => store.getInvitationByHash(hash))).toEqual(['at', 'after']);
      expect(await left('hash-used-', (hash) => store.getInvitationByHash(hash))).toEqual(['before', 'at', 'after']);
      expect(await left('l-', (hash) => store.getSsoLogin(hash))).toEqual(['at', 'after']);
      expect(await store.getUser('alice')).toEqual(userRecord('alice'));
    });
  });

  describe('the webhooks’ outbox', () => {
    it('prunes delivered and failed deliveries last changed before a time, and keeps pending ones', async () => {
      await seed(async (tx) => {
        await tx.insertWebhook(webhookRecord('w'));
        await tx.insertDeliveries([
          deliveryRecord('old-delivered', 'w', { status: 'delivered', updatedAt: '2030-01-01T00:00:00.000Z' }),
          deliveryRecord('old-failed', 'w', { status: 'failed', updatedAt: '2030-01-01T00:00:00.000Z' }),
          deliveryRecord('old-pending', 'w', { status: 'pending', updatedAt: '2030-01-01T00:00:00.000Z' }),
          deliveryRecord('edge', 'w', { status: 'delivered', updatedAt: '2030-02-01T00:00:00.000Z' }),
        ]);
      });
      await seed((tx) => tx.pruneDeliveries('2030-02-01T00:00:00.000Z'));
      const left = (await store.listDeliveries({ webhookId: 'w', limit: 10 })).map((delivery) => delivery.id);
      expect(left.sort()).toEqual(['edge', 'old-pending']);
    });
  });

  describe('protected environments', () => {
    it('keeps whether an environment is protected and which roles it lets in', async () => {
      const development = environmentRecord('development');
      const production = environmentRecord('production', {
        createdAt: LATER,
        version: 4,
        protected: true,
        protectedRoles: ['viewer', 'editor'],
      });
      await seed(async (tx) => {
        await tx.insertEnvironment(production);
        await tx.insertEnvironment(development);
      });
      expect(await store.getEnvironment('development')).toEqual({
        ...development,
        protected: false,
        protectedRoles: [],
      });
      expect(await store.listEnvironments()).toEqual([development, production]);
      await seed(async (tx) => {
        await tx.setEnvironmentProtection('production', { protected: false, protectedRoles: [] });
        await tx.setEnvironmentProtection('development', { protected: true, protectedRoles: ['editor'] });
        await tx.setEnvironmentProtection('nowhere', { protected: true, protectedRoles: [] });
      });
      expect(await store.listEnvironments()).toEqual([
        { ...development, protected: true, protectedRoles: ['editor'] },
        { ...production, protected: false, protectedRoles: [] },
      ]);
    });
  });

  describe('how audit entries were made', () => {
    it('keeps each way an entry was made, and leaves it out when it was not recorded', async () => {
      const vias: AuditVia[] = ['ui', 'api', 'cli', 'key', 'plan', 'trigger', 'system'];
      const written = await seed(async (tx) => {
        const appended = [];
        for (const via of vias) appended.push(await tx.appendAudit(auditEntry({ actor: `by-${via}`, via })));
        appended.push(await tx.appendAudit(auditEntry({ actor: 'unrecorded' })));
        appended.push(await tx.appendAudit(auditEntry({ actor: 'undefined', via: undefined })));
        return appended;
      });
      expect(written.map((entry) => entry.via)).toEqual([...vias, undefined, undefined]);
      const { entries } = await store.listAudit({ limit: 20 });
      expect(entries).toStrictEqual([...written].reverse());
      expect(entries[0]).not.toHaveProperty('via');
      expect(entries[1]).not.toHaveProperty('via');
      expect(entries[2]).toMatchObject({ actor: 'by-system', via: 'system', targetKind: 'user', target: 'bob' });
    });
  });

  describe('transactions', () => {
    it('leaves nothing of people, sessions, tokens, sign-ons or protection behind when a transaction fails', async () => {
      await seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('production'));
        await tx.insertUser(userRecord('alice'));
      });
      await expect(
        seed(async (tx) => {
          await tx.insertUser(userRecord('bob'));
          await tx.updateUser(userRecord('alice', { role: 'admin', email: 'boss@example.com' }));
          await tx.insertSession(sessionRecord('s', 'bob'));
          await tx.insertInvitation(invitationRecord('i', 'bob'));
          await tx.insertPersonalToken(personalTokenRecord('t', 'bob'));
          await tx.insertSsoLogin(ssoLoginRecord('l'));
          await tx.setEnvironmentProtection('production', { protected: true, protectedRoles: ['editor'] });
          await tx.appendAudit(auditEntry({ via: 'ui' }));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.listUsers()).toEqual([userRecord('alice')]);
      expect(await store.getUserByEmail('boss@example.com')).toBeUndefined();
      expect(await store.getSession('s')).toBeUndefined();
      expect(await store.getInvitationByHash('hash-i')).toBeUndefined();
      expect(await store.listPersonalTokens('bob')).toEqual([]);
      expect(await store.getSsoLogin('l')).toBeUndefined();
      expect(await store.getEnvironment('production')).toEqual(environmentRecord('production'));
      expect((await store.listAudit({ limit: 10 })).entries).toEqual([]);
    });
  });
}
