import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryRecord, environmentRecord, webhookRecord } from './contract-fixtures.js';
import type { StoreContractOptions } from './contract.js';
import type { PersonalTokenRecord, SessionRecord, Store, StoreWriter, UserRecord } from './store.js';

const AT = '2030-01-01T00:00:00.000Z';

function user(id: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id,
    email: `${id}@example.com`,
    name: id,
    role: 'viewer',
    passwordHash: null,
    disabled: false,
    ssoSubject: null,
    failedSignIns: 0,
    lockedUntil: null,
    createdAt: AT,
    updatedAt: AT,
    lastSeenAt: null,
    ...overrides,
  };
}

function session(hash: string, userId: string, expiresAt: string): SessionRecord {
  return { hash, userId, method: 'password', createdAt: AT, expiresAt, lastSeenAt: AT };
}

function token(id: string, userId: string, overrides: Partial<PersonalTokenRecord> = {}): PersonalTokenRecord {
  return {
    id,
    userId,
    name: id,
    role: 'editor',
    hash: `hash-${id}`,
    createdAt: AT,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/**
 * The behaviour over people, sessions, tokens, invitations, single sign-ons and protected
 * environments that every {@link Store} must have.
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
    it('keeps every field, lists by creation then id, and finds by email in any case and by SSO subject', async () => {
      const alice = user('alice', {
        email: 'Alice@Example.COM',
        role: 'admin',
        passwordHash: '$argon2id$v=19$x',
        ssoSubject: 'https://idp|42',
        lockedUntil: '2030-01-02T00:00:00.000Z',
        failedSignIns: 3,
        createdAt: '2030-01-02T00:00:00.000Z',
      });
      await seed(async (tx) => {
        await tx.insertUser(alice);
        await tx.insertUser(user('bob'));
        await tx.insertUser(user('aaron', { createdAt: '2030-01-02T00:00:00.000Z' }));
      });
      expect((await store.listUsers()).map((u) => u.id)).toEqual(['bob', 'aaron', 'alice']);
      expect(await store.getUser('alice')).toEqual({ ...alice, email: 'alice@example.com' });
      expect((await store.getUserByEmail('ALICE@example.com'))?.id).toBe('alice');
      expect((await store.getUserBySsoSubject('https://idp|42'))?.id).toBe('alice');
      expect(await store.getUserBySsoSubject('https://idp|43')).toBeUndefined();
    });

    it('refuses a duplicate id, email or SSO subject, naming it, and leaves the transaction usable', async () => {
      await seed((tx) => tx.insertUser(user('alice', { ssoSubject: 's1' })));
      await expect(seed((tx) => tx.insertUser(user('alice', { email: 'x@example.com' })))).rejects.toMatchObject({
        code: 'conflict',
        message: "user 'alice' already exists",
      });
      await expect(seed((tx) => tx.insertUser(user('other', { email: 'ALICE@example.com' })))).rejects.toMatchObject({
        code: 'conflict',
        message: 'another user has the email alice@example.com',
      });
      await expect(seed((tx) => tx.insertUser(user('other', { ssoSubject: 's1' })))).rejects.toMatchObject({
        message: 'another user has the single sign-on identity',
      });
      await seed(async (tx) => {
        await tx.insertUser(user('bob'));
        await expect(tx.updateUser(user('bob', { email: 'alice@example.com' }))).rejects.toMatchObject({
          code: 'conflict',
        });
        await tx.updateUser(user('bob', { role: 'editor', disabled: true }));
      });
      expect(await store.getUser('bob')).toMatchObject({ role: 'editor', disabled: true, email: 'bob@example.com' });
    });

    it("deletes a person with their invitations, sessions and tokens, and no one else's", async () => {
      await seed(async (tx) => {
        for (const id of ['alice', 'bob']) {
          await tx.insertUser(user(id));
          await tx.insertSession(session(`s-${id}`, id, '2031-01-01T00:00:00.000Z'));
          await tx.insertPersonalToken(token(`t-${id}`, id));
          await tx.insertInvitation({
            id: `i-${id}`,
            userId: id,
            hash: `h-${id}`,
            purpose: 'invite',
            createdBy: 'admin',
            createdAt: AT,
            expiresAt: '2031-01-01T00:00:00.000Z',
            usedAt: null,
          });
        }
      });
      await seed((tx) => tx.deleteUser('alice'));
      expect(await store.getUser('alice')).toBeUndefined();
      expect(await store.getSession('s-alice')).toBeUndefined();
      expect(await store.getPersonalToken('t-alice')).toBeUndefined();
      expect(await store.getInvitationByHash('h-alice')).toBeUndefined();
      expect(await store.getSession('s-bob')).toMatchObject({ userId: 'bob', method: 'password' });
      expect(await store.getPersonalToken('t-bob')).toMatchObject({ userId: 'bob', role: 'editor' });
      expect(await store.getInvitationByHash('h-bob')).toMatchObject({ purpose: 'invite', usedAt: null });
    });

    it('replaces only unused invitations, and marks one used', async () => {
      const invitation = (id: string, usedAt: string | null) => ({
        id,
        userId: 'alice',
        hash: `h-${id}`,
        purpose: 'reset' as const,
        createdBy: 'admin',
        createdAt: AT,
        expiresAt: '2031-01-01T00:00:00.000Z',
        usedAt,
      });
      await seed(async (tx) => {
        await tx.insertUser(user('alice'));
        await tx.insertInvitation(invitation('used', AT));
        await tx.insertInvitation(invitation('open', null));
      });
      await seed((tx) => tx.deleteInvitations('alice'));
      expect(await store.getInvitationByHash('h-open')).toBeUndefined();
      expect(await store.getInvitationByHash('h-used')).toEqual(invitation('used', AT));
    });
  });

  describe('sessions, tokens and single sign-ons', () => {
    it('updates and deletes sessions one at a time or all of a person', async () => {
      await seed(async (tx) => {
        await tx.insertUser(user('alice'));
        await tx.insertSession(session('a1', 'alice', '2031-01-01T00:00:00.000Z'));
        await tx.insertSession(session('a2', 'alice', '2031-01-01T00:00:00.000Z'));
        await tx.updateSession({ ...session('a1', 'alice', '2032-01-01T00:00:00.000Z'), method: 'sso' });
      });
      expect(await store.getSession('a1')).toEqual({
        ...session('a1', 'alice', '2032-01-01T00:00:00.000Z'),
        method: 'sso',
      });
      await seed((tx) => tx.deleteSession('a1'));
      expect(await store.getSession('a1')).toBeUndefined();
      expect(await store.getSession('a2')).toBeDefined();
      await seed((tx) => tx.deleteSessions('alice'));
      expect(await store.getSession('a2')).toBeUndefined();
    });

    it('lists tokens by creation, refuses a duplicate id or hash, and keeps revocation', async () => {
      await seed(async (tx) => {
        await tx.insertUser(user('alice'));
        await tx.insertPersonalToken(token('b', 'alice', { createdAt: '2030-01-02T00:00:00.000Z' }));
        await tx.insertPersonalToken(token('a', 'alice', { expiresAt: '2031-01-01T00:00:00.000Z' }));
      });
      expect((await store.listPersonalTokens('alice')).map((t) => t.id)).toEqual(['a', 'b']);
      expect(await store.listPersonalTokens('bob')).toEqual([]);
      await expect(seed((tx) => tx.insertPersonalToken(token('a', 'alice', { hash: 'new' })))).rejects.toMatchObject({
        code: 'conflict',
      });
      await expect(seed((tx) => tx.insertPersonalToken(token('c', 'alice', { hash: 'hash-a' })))).rejects.toMatchObject(
        { code: 'conflict' },
      );
      await seed((tx) => tx.updatePersonalToken(token('a', 'alice', { revokedAt: AT, lastUsedAt: AT })));
      expect(await store.getPersonalToken('a')).toMatchObject({ revokedAt: AT, lastUsedAt: AT });
    });

    it('deletes what expired strictly before a time: sessions, unused invitations and SSO logins', async () => {
      const boundary = '2030-06-01T00:00:00.000Z';
      await seed(async (tx) => {
        await tx.insertUser(user('alice'));
        await tx.insertSession(session('old', 'alice', '2030-05-31T23:59:59.999Z'));
        await tx.insertSession(session('edge', 'alice', boundary));
        for (const [id, usedAt] of [
          ['expired-unused', null],
          ['expired-used', AT],
        ] as const)
          await tx.insertInvitation({
            id,
            userId: 'alice',
            hash: id,
            purpose: 'invite',
            createdBy: 'admin',
            createdAt: AT,
            expiresAt: '2030-05-01T00:00:00.000Z',
            usedAt,
          });
        await tx.insertSsoLogin({
          stateHash: 'gone',
          codeVerifier: 'v',
          nonce: 'n',
          returnTo: '/',
          createdAt: AT,
          expiresAt: '2030-05-01T00:00:00.000Z',
        });
        await tx.insertSsoLogin({
          stateHash: 'kept',
          codeVerifier: 'v2',
          nonce: 'n2',
          returnTo: '/flags',
          createdAt: AT,
          expiresAt: boundary,
        });
      });
      await seed((tx) => tx.deleteExpired(boundary));
      expect(await store.getSession('old')).toBeUndefined();
      expect(await store.getSession('edge')).toBeDefined();
      expect(await store.getInvitationByHash('expired-unused')).toBeUndefined();
      expect(await store.getInvitationByHash('expired-used')).toBeDefined();
      expect(await store.getSsoLogin('gone')).toBeUndefined();
      expect(await store.getSsoLogin('kept')).toEqual({
        stateHash: 'kept',
        codeVerifier: 'v2',
        nonce: 'n2',
        returnTo: '/flags',
        createdAt: AT,
        expiresAt: boundary,
      });
      await seed((tx) => tx.deleteSsoLogin('kept'));
      expect(await store.getSsoLogin('kept')).toBeUndefined();
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

  describe('protected environments and the audit log', () => {
    it('stores protection and the roles it lets in, unprotected by default', async () => {
      await seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('development'));
        await tx.insertEnvironment(environmentRecord('production', { protected: true, protectedRoles: ['editor'] }));
      });
      expect(await store.getEnvironment('development')).toMatchObject({ protected: false, protectedRoles: [] });
      expect(await store.getEnvironment('production')).toMatchObject({ protected: true, protectedRoles: ['editor'] });
      await seed((tx) => tx.setEnvironmentProtection('production', { protected: false, protectedRoles: [] }));
      expect(await store.getEnvironment('production')).toMatchObject({
        protected: false,
        protectedRoles: [],
        version: 0,
      });
    });

    it('keeps how an audit entry was made, and leaves it out when it was not recorded', async () => {
      await seed(async (tx) => {
        await tx.appendAudit({
          at: AT,
          actor: 'alice@example.com',
          via: 'cli',
          action: 'flag.created',
          targetKind: 'flag',
          target: 'a',
          before: null,
          after: null,
        });
        await tx.appendAudit({
          at: AT,
          actor: 'ops',
          action: 'flag.created',
          targetKind: 'user',
          target: 'u',
          before: null,
          after: null,
        });
      });
      const { entries } = await store.listAudit({ limit: 10 });
      expect(entries[0]).not.toHaveProperty('via');
      expect(entries[0]).toMatchObject({ targetKind: 'user' });
      expect(entries[1]).toMatchObject({ actor: 'alice@example.com', via: 'cli' });
    });

    it('leaves nothing of a person behind when the transaction fails', async () => {
      await expect(
        seed(async (tx) => {
          await tx.insertUser(user('alice'));
          await tx.insertSession(session('s', 'alice', '2031-01-01T00:00:00.000Z'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.listUsers()).toEqual([]);
      expect(await store.getSession('s')).toBeUndefined();
    });
  });
}
