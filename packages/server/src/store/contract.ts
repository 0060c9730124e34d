import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RampartError } from '../base/errors.js';
import {
  configRecord,
  deliveryRecord,
  environmentRecord,
  flagRecord,
  releasePlanRecord,
  segmentRecord,
  triggerRecord,
  webhookRecord,
} from './contract-fixtures.js';
import type { NewAuditEntry, Store, StoreWriter } from './store.js';

export interface StoreContractOptions {
  /** A new, empty, migrated store for each test. */
  create: () => Store | Promise<Store>;
}

/**
 * The behaviour every {@link Store} implementation must have. Call it from the
 * implementation's test file.
 *
 * @example
 * runStoreContract({ create: () => createSqliteStore({ filename: ':memory:' }) });
 */
export function runStoreContract({ create }: StoreContractOptions): void {
  let store: Store;
  beforeEach(async () => {
    store = await create();
  });
  afterEach(async () => {
    await store.close();
  });

  const seed = <T>(work: (tx: StoreWriter) => Promise<T>): Promise<T> => store.transaction(work);

  describe('environments', () => {
    it('lists environments in creation order and reads one by key', async () => {
      await seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('production', { createdAt: '2030-01-02T00:00:00.000Z' }));
        await tx.insertEnvironment(environmentRecord('development', { createdAt: '2030-01-01T00:00:00.000Z' }));
      });
      expect((await store.listEnvironments()).map((e) => e.key)).toEqual(['development', 'production']);
      expect(await store.getEnvironment('production')).toMatchObject({ key: 'production', version: 0 });
      expect(await store.getEnvironment('staging')).toBeUndefined();
    });

    it('refuses a second environment with the same key as a conflict', async () => {
      await seed((tx) => tx.insertEnvironment(environmentRecord('production')));
      const again = seed((tx) => tx.insertEnvironment(environmentRecord('production')));
      await expect(again).rejects.toBeInstanceOf(RampartError);
      await expect(again).rejects.toMatchObject({ code: 'conflict' });
    });
  });

  describe('flags and configurations', () => {
    it('keeps every field of a flag, including Unicode keys and tags', async () => {
      const flag = flagRecord('café-☕', {
        type: 'json',
        tags: ['a', 'ü'],
        owner: 'team',
        clientSide: true,
        description: 'd',
      });
      await seed((tx) => tx.insertFlag(flag));
      expect(await store.getFlag('café-☕')).toEqual(flag);
    });

    it('filters flags by tag, by text and by archived state', async () => {
      await seed(async (tx) => {
        await tx.insertFlag(flagRecord('checkout', { tags: ['payments'], description: 'New checkout flow' }));
        await tx.insertFlag(flagRecord('search', { tags: ['growth'] }));
        await tx.insertFlag(flagRecord('old', { archived: true, tags: ['payments'] }));
      });
      const keys = async (filter: Parameters<Store['listFlags']>[0]) =>
        (await store.listFlags(filter)).map((f) => f.key);
      expect(await keys({})).toEqual(['checkout', 'search']);
      expect(await keys({ tag: 'payments' })).toEqual(['checkout']);
      expect(await keys({ q: 'FLOW' })).toEqual(['checkout']);
      expect(await keys({ q: 'sea' })).toEqual(['search']);
      expect(await keys({ archived: true })).toEqual(['old']);
    });

    it('refuses a second flag or segment with the same key and lets the transaction go on', async () => {
      await seed(async (tx) => {
        await tx.insertFlag(flagRecord('a'));
        await tx.insertSegment(segmentRecord('beta'));
      });
      const refusals = await seed(async (tx) => {
        const flag = await tx.insertFlag(flagRecord('a', { description: 'again' })).catch((error: unknown) => error);
        const segment = await tx
          .insertSegment(segmentRecord('beta', { name: 'again' }))
          .catch((error: unknown) => error);
        await tx.insertFlag(flagRecord('b'));
        return [flag, segment];
      });
      expect(refusals).toMatchObject([
        { code: 'conflict', message: "flag 'a' already exists" },
        { code: 'conflict', message: "segment 'beta' already exists" },
      ]);
      expect(await store.getFlag('a')).toEqual(flagRecord('a'));
      expect(await store.getSegment('beta')).toEqual(segmentRecord('beta'));
      expect((await store.listFlags()).map((f) => f.key)).toEqual(['a', 'b']);
    });

    it('updates a flag in place', async () => {
      await seed((tx) => tx.insertFlag(flagRecord('a')));
      await seed((tx) => tx.updateFlag(flagRecord('a', { archived: true, description: 'gone' })));
      expect(await store.getFlag('a')).toMatchObject({ archived: true, description: 'gone' });
    });

    it('stores a configuration per environment and replaces it on a second put', async () => {
      const rules = [
        {
          id: 'r1',
          segments: ['beta'],
          conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'], caseInsensitive: true }],
          rollout: { percentage: 12.345, bucketBy: ['userId'], salt: '' },
          variants: [{ key: 'a', value: { nested: [1, 'x', null] }, weight: 1 }],
        },
      ];
      const production = {
        rules,
        variants: [{ key: 'b', value: 2, weight: 0 }],
        variantsBucketBy: ['userId', '$random'],
        defaultVariant: 'b',
      };
      await seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('development'));
        await tx.insertEnvironment(environmentRecord('production'));
        await tx.insertFlag(flagRecord('a', { type: 'json' }));
        await tx.putFlagConfig(configRecord('a', 'development'));
        await tx.putFlagConfig(configRecord('a', 'production', production));
      });
      expect(await store.getFlagConfig('a', 'production')).toEqual(configRecord('a', 'production', production));
      expect(await store.getFlagConfig('a', 'development')).not.toHaveProperty('variantsBucketBy');
      expect(await store.getFlagConfig('a', 'development')).not.toHaveProperty('defaultVariant');

      await seed((tx) => tx.putFlagConfig(configRecord('a', 'production', { enabled: true, version: 2 })));
      expect(await store.getFlagConfig('a', 'production')).toEqual(
        configRecord('a', 'production', { enabled: true, version: 2 }),
      );
      expect((await store.listFlagConfigs({ flag: 'a' })).map((c) => c.environment)).toEqual([
        'development',
        'production',
      ]);
      expect((await store.listFlagConfigs({ environment: 'development' })).map((c) => c.flag)).toEqual(['a']);
      expect(await store.getFlagConfig('a', 'staging')).toBeUndefined();
    });
  });

  describe('segments and keys', () => {
    it('creates, updates and deletes a segment', async () => {
      const conditions = [{ attribute: 'email', operator: 'str_ends_with', values: ['@example.com'] }];
      await seed((tx) => tx.insertSegment(segmentRecord('internal-users', { conditions })));
      expect(await store.getSegment('internal-users')).toEqual(segmentRecord('internal-users', { conditions }));
      await seed((tx) => tx.updateSegment(segmentRecord('internal-users', { name: 'Staff' })));
      expect(await store.getSegment('internal-users')).toMatchObject({ name: 'Staff', conditions: [] });
      await seed((tx) => tx.deleteSegment('internal-users'));
      expect(await store.listSegments()).toEqual([]);
    });

    it('stores keys with their hash and revokes them', async () => {
      await seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('production'));
        await tx.insertKey({
          id: 'k1',
          kind: 'admin',
          environment: null,
          name: 'ops',
          hash: 'ab',
          createdAt: 'x',
          revokedAt: null,
        });
        await tx.insertKey({
          id: 'k2',
          kind: 'server',
          environment: 'production',
          name: 'api',
          hash: 'cd',
          createdAt: 'y',
          revokedAt: null,
        });
      });
      expect(await store.getKey('k2')).toEqual({
        id: 'k2',
        kind: 'server',
        environment: 'production',
        name: 'api',
        hash: 'cd',
        createdAt: 'y',
        revokedAt: null,
      });
      await seed((tx) => tx.revokeKey('k1', 'z'));
      expect((await store.listKeys()).map((k) => [k.id, k.revokedAt])).toEqual([
        ['k1', 'z'],
        ['k2', null],
      ]);
      await expect(
        seed((tx) =>
          tx.insertKey({
            id: 'k1',
            kind: 'admin',
            environment: null,
            name: 'x',
            hash: 'e',
            createdAt: 'x',
            revokedAt: null,
          }),
        ),
      ).rejects.toMatchObject({ code: 'conflict' });
    });
  });

  describe('audit log', () => {
    const entry = (n: number, overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
      at: `2030-01-01T00:00:${String(n).padStart(2, '0')}.000Z`,
      actor: 'ops',
      action: 'flag.killed',
      targetKind: 'flag',
      target: n % 2 === 0 ? 'even' : 'odd',
      environment: n % 3 === 0 ? 'production' : 'development',
      before: { enabled: true },
      after: { enabled: false },
      ...overrides,
    });

    it('gives each entry an id greater than the previous one and keeps its fields', async () => {
      const first = await seed((tx) => tx.appendAudit(entry(1, { reason: 'incident 7' })));
      const second = await seed((tx) => tx.appendAudit(entry(2, { environment: undefined, before: null })));
      expect(first).toEqual({ ...entry(1, { reason: 'incident 7' }), id: first.id });
      expect(second).not.toHaveProperty('environment');
      expect(second.before).toBeNull();
      const page = await store.listAudit({ limit: 10 });
      expect(page.entries.map((e) => e.id)).toEqual([second.id, first.id]);
      expect(page.nextCursor).toBeNull();
    });

    it('pages newest first through every entry exactly once', async () => {
      await seed(async (tx) => {
        for (let n = 1; n <= 23; n++) await tx.appendAudit(entry(n));
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.listAudit({ limit: 5, cursor });
        seen.push(...page.entries.map((e) => e.at));
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual([...Array.from({ length: 23 }, (_, i) => entry(23 - i).at)]);
    });

    it('gives an empty page for a cursor it did not hand out', async () => {
      await seed((tx) => tx.appendAudit(entry(1)));
      for (const cursor of ['nonsense', '-1', '1e3', '']) {
        expect(await store.listAudit({ limit: 10, cursor })).toEqual({ entries: [], nextCursor: null });
      }
    });

    it('filters by flag and by environment', async () => {
      await seed(async (tx) => {
        for (let n = 1; n <= 12; n++) await tx.appendAudit(entry(n));
        await tx.appendAudit(entry(13, { targetKind: 'segment', target: 'even' }));
      });
      const even = await store.listAudit({ flag: 'even', limit: 50 });
      expect(even.entries.map((e) => e.at)).toEqual([12, 10, 8, 6, 4, 2].map((n) => entry(n).at));
      const production = await store.listAudit({ environment: 'production', flag: 'odd', limit: 50 });
      expect(production.entries.map((e) => e.at)).toEqual([9, 3].map((n) => entry(n).at));
    });

    it('reads the entries after one, oldest first, up to the limit', async () => {
      const ids = await seed(async (tx) => {
        const appended: string[] = [];
        for (let n = 1; n <= 7; n++) appended.push((await tx.appendAudit(entry(n))).id);
        return appended;
      });
      const after = async (filter: Parameters<Store['listAuditAfter']>[0]) =>
        (await store.listAuditAfter(filter)).map((e) => e.at);
      expect(await after({ limit: 3 })).toEqual([1, 2, 3].map((n) => entry(n).at));
      expect(await after({ after: ids[2], limit: 3 })).toEqual([4, 5, 6].map((n) => entry(n).at));
      expect(await after({ after: ids[5], limit: 3 })).toEqual([entry(7).at]);
      expect(await after({ after: ids[6], limit: 3 })).toEqual([]);
      expect(await after({ after: ids[0], limit: 0 })).toEqual([]);
      expect(await store.listAuditAfter({ after: ids[5], limit: 1 })).toEqual([{ ...entry(7), id: ids[6] }]);
    });

    it('filters the entries after one by flag and by environment', async () => {
      const first = await seed(async (tx) => {
        const appended = await tx.appendAudit(entry(1));
        for (let n = 2; n <= 12; n++) await tx.appendAudit(entry(n));
        await tx.appendAudit(entry(13, { targetKind: 'segment', target: 'odd' }));
        return appended;
      });
      const even = await store.listAuditAfter({ after: first.id, flag: 'even', limit: 50 });
      expect(even.map((e) => e.at)).toEqual([2, 4, 6, 8, 10, 12].map((n) => entry(n).at));
      const production = await store.listAuditAfter({
        after: first.id,
        environment: 'production',
        flag: 'odd',
        limit: 2,
      });
      expect(production.map((e) => e.at)).toEqual([3, 9].map((n) => entry(n).at));
    });

    it('reads nothing after a string that is no entry id', async () => {
      await seed((tx) => tx.appendAudit(entry(1)));
      for (const after of ['nonsense', '-1', '1e3', '', '1234567890123456']) {
        expect(await store.listAuditAfter({ after, limit: 10 })).toEqual([]);
      }
    });
  });

  describe('versions and change log', () => {
    it('raises the environment version by one per bump and records what changed', async () => {
      await seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('development'));
        await tx.insertEnvironment(environmentRecord('production'));
      });
      const v1 = await seed((tx) => tx.bumpVersion('production', { flags: ['a', 'b', 'a'] }));
      const v2 = await seed((tx) => tx.bumpVersion('production', { segments: ['beta'] }));
      const v3 = await seed((tx) => tx.bumpVersion('production', {}));
      expect([v1, v2, v3]).toEqual([1, 2, 3]);
      expect(await store.getEnvironment('production')).toMatchObject({ version: 3 });
      expect(await store.getEnvironment('development')).toMatchObject({ version: 0 });
      expect(await store.listChangesSince('production', 0)).toEqual([
        { version: 1, flags: ['a', 'b'], segments: [] },
        { version: 2, flags: [], segments: ['beta'] },
      ]);
      expect(await store.listChangesSince('production', 1)).toEqual([{ version: 2, flags: [], segments: ['beta'] }]);
      expect(await store.listChangesSince('development', 0)).toEqual([]);
    });

    it('refuses to bump an environment that does not exist', async () => {
      await expect(seed((tx) => tx.bumpVersion('nowhere', {}))).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  describe('transactions', () => {
    it('leaves nothing behind when the work rejects', async () => {
      await seed((tx) => tx.insertEnvironment(environmentRecord('production')));
      const failing = seed(async (tx) => {
        await tx.insertFlag(flagRecord('a'));
        await tx.putFlagConfig(configRecord('a', 'production'));
        await tx.appendAudit({
          at: 'x',
          actor: 'a',
          action: 'flag.created',
          targetKind: 'flag',
          target: 'a',
          before: null,
          after: null,
        });
        await tx.bumpVersion('production', { flags: ['a'] });
        throw new Error('changed my mind');
      });
      await expect(failing).rejects.toThrow('changed my mind');
      expect(await store.getFlag('a')).toBeUndefined();
      expect(await store.listFlagConfigs()).toEqual([]);
      expect((await store.listAudit({ limit: 10 })).entries).toEqual([]);
      expect(await store.getEnvironment('production')).toMatchObject({ version: 0 });
      expect(await store.listChangesSince('production', 0)).toEqual([]);
    });

    it('runs concurrent read-modify-write transactions as if one after another', async () => {
      await seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('production'));
        await tx.insertFlag(flagRecord('counter', { description: '0' }));
      });
      await Promise.all(
        Array.from({ length: 25 }, () =>
          store.transaction(async (tx) => {
            const flag = await tx.getFlag('counter');
            if (flag === undefined) throw new Error('missing');
            await tx.updateFlag({ ...flag, description: String(Number(flag.description) + 1) });
          }),
        ),
      );
      expect(await store.getFlag('counter')).toMatchObject({ description: '25' });
    });

    it('returns the value of the work', async () => {
      expect(await store.transaction(async () => 42)).toBe(42);
    });
  });

  describe('snapshots', () => {
    it('joins live flags with their configuration and carries every segment', async () => {
      await seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('development'));
        await tx.insertEnvironment(environmentRecord('production'));
        await tx.insertFlag(flagRecord('b', { clientSide: true }));
        await tx.insertFlag(flagRecord('a', { type: 'string', tags: ['t'] }));
        await tx.insertFlag(flagRecord('gone', { archived: true }));
        for (const flag of ['a', 'b', 'gone']) {
          await tx.putFlagConfig(configRecord(flag, 'development'));
          await tx.putFlagConfig(
            configRecord(flag, 'production', { enabled: true, version: 4, variantsBucketBy: ['userId'] }),
          );
        }
        await tx.insertSegment(
          segmentRecord('beta', { conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }] }),
        );
        await tx.bumpVersion('production', { flags: ['a', 'b'] });
      });
      const snapshot = await store.getSnapshot('production');
      expect(snapshot).toEqual({
        environment: 'production',
        version: 1,
        flags: [
          {
            key: 'a',
            type: 'string',
            description: '',
            tags: ['t'],
            owner: '',
            temporary: true,
            clientSide: false,
            enabled: true,
            version: 4,
            rules: [],
            variants: [],
            variantsBucketBy: ['userId'],
            prerequisites: [],
          },
          {
            key: 'b',
            type: 'boolean',
            description: '',
            tags: [],
            owner: '',
            temporary: true,
            clientSide: true,
            enabled: true,
            version: 4,
            rules: [],
            variants: [],
            variantsBucketBy: ['userId'],
            prerequisites: [],
          },
        ],
        segments: [
          {
            key: 'beta',
            name: 'beta',
            description: '',
            conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }],
          },
        ],
      });
      expect((await store.getSnapshot('development'))?.flags.map((f) => [f.key, f.enabled])).toEqual([
        ['a', false],
        ['b', false],
      ]);
      expect(await store.getSnapshot('staging')).toBeUndefined();
    });
  });

  describe('release plans', () => {
    const seedFlags = () =>
      seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('development'));
        await tx.insertEnvironment(environmentRecord('production'));
        for (const flag of ['a', 'b', 'c']) await tx.insertFlag(flagRecord(flag));
      });

    it('keeps every field of a plan and replaces the plan of the same flag and environment', async () => {
      await seedFlags();
      const plan = releasePlanRecord('a', 'production', {
        id: 'p1',
        ruleId: 'r1',
        steps: [
          { percentage: 1, holdSeconds: 600, appliedAt: '2030-01-01T00:00:00.000Z' },
          { percentage: 50, holdSeconds: 0 },
          { percentage: 100 },
        ],
        guard: { event: 'checkout-error', action: 'pause', alpha: 0.01, minExposures: 1000 },
        guardProgress: {
          state: { version: 1, batches: 2, ratios: [0.5, -1.25e-7] },
          figures: { rates: { treatment: 0.05, control: null }, statistic: -0.125 },
          decision: 'continue',
          acted: ['sample-ratio-mismatch'],
        },
        startAt: '2030-01-01T00:00:00.000Z',
        stepsApplied: 1,
        nextAt: '2030-01-01T00:10:00.000Z',
        observed: { enabled: true, rules: [{ id: 'r1', segments: [], conditions: [], rollout: { percentage: 1 } }] },
      });
      await seed((tx) => tx.putReleasePlan(plan));
      expect(await store.getReleasePlan('a', 'production')).toEqual(plan);
      expect(await store.getReleasePlan('a', 'development')).toBeUndefined();

      const next = releasePlanRecord('a', 'production', { id: 'p2', status: 'paused', pausedReason: 'ops ramped it' });
      await seed((tx) => tx.putReleasePlan(next));
      expect(await store.getReleasePlan('a', 'production')).toEqual(next);
      expect(await store.listReleasePlans()).toEqual([next]);
    });

    it('lists plans by flag and environment, filtered', async () => {
      await seedFlags();
      await seed(async (tx) => {
        await tx.putReleasePlan(releasePlanRecord('b', 'production'));
        await tx.putReleasePlan(releasePlanRecord('a', 'production'));
        await tx.putReleasePlan(releasePlanRecord('a', 'development'));
      });
      const ids = (plans: { id: string }[]) => plans.map((plan) => plan.id);
      expect(ids(await store.listReleasePlans())).toEqual(['a-development', 'a-production', 'b-production']);
      expect(ids(await store.listReleasePlans({ flag: 'a' }))).toEqual(['a-development', 'a-production']);
      expect(ids(await store.listReleasePlans({ environment: 'production' }))).toEqual([
        'a-production',
        'b-production',
      ]);
    });

    it('lists the scheduled and running plans that are due, the longest due first', async () => {
      await seedFlags();
      const at = (minute: number) => `2030-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
      await seed(async (tx) => {
        await tx.putReleasePlan(releasePlanRecord('a', 'production', { nextAt: at(5) }));
        await tx.putReleasePlan(releasePlanRecord('b', 'production', { status: 'scheduled', nextAt: at(3) }));
        await tx.putReleasePlan(releasePlanRecord('c', 'production', { nextAt: at(20) }));
        await tx.putReleasePlan(releasePlanRecord('a', 'development', { status: 'paused', nextAt: at(1) }));
        await tx.putReleasePlan(releasePlanRecord('b', 'development', { status: 'completed', nextAt: null }));
        await tx.putReleasePlan(releasePlanRecord('c', 'development', { status: 'running', nextAt: at(5) }));
      });
      const due = async (minute: number) => (await store.listDueReleasePlans(at(minute))).map((plan) => plan.id);
      expect(await due(2)).toEqual([]);
      expect(await due(3)).toEqual(['b-production']);
      expect(await due(10)).toEqual(['b-production', 'a-production', 'c-development']);
      expect(await due(59)).toEqual(['b-production', 'a-production', 'c-development', 'c-production']);
    });

    it("puts a running guarded plan's guard on its flag in the snapshot, and only then", async () => {
      await seedFlags();
      const rule = (percentage: number) => ({ id: 'r1', rollout: { percentage } });
      await seed(async (tx) => {
        for (const flag of ['a', 'b', 'c']) {
          await tx.putFlagConfig(configRecord(flag, 'production', { enabled: true, version: 7, rules: [rule(5)] }));
          await tx.putFlagConfig(configRecord(flag, 'development', { enabled: true, rules: [rule(5)] }));
        }
        const guard = { event: 'checkout-error', action: 'kill' as const, alpha: 0.05, minExposures: 500 };
        await tx.putReleasePlan(
          releasePlanRecord('a', 'production', { id: 'p1', ruleId: 'r1', stepsApplied: 2, guard }),
        );
        await tx.putReleasePlan(releasePlanRecord('b', 'production', { ruleId: 'r1', stepsApplied: 2 }));
        await tx.putReleasePlan(
          releasePlanRecord('c', 'production', { ruleId: 'r1', stepsApplied: 2, guard, status: 'paused' }),
        );
      });
      const guards = async (environment: string) =>
        (await store.getSnapshot(environment))?.flags.map((flag) => [flag.key, flag.guard]);
      expect(await guards('production')).toEqual([
        ['a', { ruleId: 'r1', event: 'checkout-error', batch: 'p1:1:7' }],
        ['b', undefined],
        ['c', undefined],
      ]);
      expect(await guards('development')).toEqual([
        ['a', undefined],
        ['b', undefined],
        ['c', undefined],
      ]);
      const snapshot = await store.getSnapshot('production');
      expect(snapshot?.flags.filter((flag) => 'guard' in flag).map((flag) => flag.key)).toEqual(['a']);
    });

    it('leaves no plan behind when the transaction rejects', async () => {
      await seedFlags();
      const failing = seed(async (tx) => {
        await tx.putReleasePlan(releasePlanRecord('a', 'production'));
        throw new Error('changed my mind');
      });
      await expect(failing).rejects.toThrow('changed my mind');
      expect(await store.listReleasePlans()).toEqual([]);
    });
  });

  describe('triggers', () => {
    const seedFlags = () =>
      seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('development'));
        await tx.insertEnvironment(environmentRecord('production'));
        for (const flag of ['a', 'b']) await tx.insertFlag(flagRecord(flag));
      });
    const ids = (triggers: { id: string }[]) => triggers.map((trigger) => trigger.id);

    it('keeps every field of a trigger and finds it by id and by hash', async () => {
      await seedFlags();
      const trigger = triggerRecord('t1', {
        flag: 'b',
        environment: 'development',
        name: 'Pager ☎ – checkout',
        action: 'revive',
        hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        createdBy: 'key:k1',
        createdAt: '2030-01-01T00:00:01.000Z',
        lastFiredAt: '2030-01-02T00:00:00.000Z',
        windowStartedAt: '2030-01-02T00:00:00.000Z',
        windowCount: 3,
      });
      await seed((tx) => tx.insertTrigger(trigger));
      expect(await store.getTrigger('t1')).toEqual(trigger);
      expect(await store.getTriggerByHash(trigger.hash)).toEqual(trigger);
      expect(await store.getTrigger('t2')).toBeUndefined();
      expect(await store.getTriggerByHash('hash-t1')).toBeUndefined();
    });

    it('refuses a trigger of a flag or an environment that does not exist', async () => {
      await seedFlags();
      await expect(seed((tx) => tx.insertTrigger(triggerRecord('t1', { flag: 'missing' })))).rejects.toThrow();
      await expect(seed((tx) => tx.insertTrigger(triggerRecord('t2', { environment: 'staging' })))).rejects.toThrow();
      expect(await store.listTriggers()).toEqual([]);
    });

    it('lists triggers by flag, environment, creation time and id, filtered', async () => {
      await seedFlags();
      const second = '2030-01-01T00:00:02.000Z';
      await seed(async (tx) => {
        await tx.insertTrigger(triggerRecord('t1', { flag: 'b' }));
        await tx.insertTrigger(triggerRecord('t2', { createdAt: second }));
        await tx.insertTrigger(triggerRecord('t3'));
        await tx.insertTrigger(triggerRecord('a1'));
        await tx.insertTrigger(triggerRecord('Z1'));
        await tx.insertTrigger(triggerRecord('t4', { environment: 'development', createdAt: second }));
      });
      expect(ids(await store.listTriggers())).toEqual(['t4', 'Z1', 'a1', 't3', 't2', 't1']);
      expect(ids(await store.listTriggers({ flag: 'b' }))).toEqual(['t1']);
      expect(ids(await store.listTriggers({ environment: 'production' }))).toEqual(['Z1', 'a1', 't3', 't2', 't1']);
      expect(ids(await store.listTriggers({ flag: 'a', environment: 'development' }))).toEqual(['t4']);
      expect(await store.listTriggers({ flag: 'c' })).toEqual([]);
    });

    it('refuses a duplicate id or hash as a conflict and lets the transaction go on', async () => {
      await seedFlags();
      await seed((tx) => tx.insertTrigger(triggerRecord('t1')));
      const refusals = await seed(async (tx) => {
        const id = await tx
          .insertTrigger(triggerRecord('t1', { hash: 'other', name: 'again' }))
          .catch((error: unknown) => error);
        const hash = await tx.insertTrigger(triggerRecord('t2', { hash: 'hash-t1' })).catch((error: unknown) => error);
        await tx.insertTrigger(triggerRecord('t3'));
        return [id, hash];
      });
      expect(refusals).toMatchObject([
        { code: 'conflict', message: "trigger 't1' already exists" },
        { code: 'conflict', message: "another trigger has the hash of trigger 't2'" },
      ]);
      expect(refusals[0]).toBeInstanceOf(RampartError);
      expect(refusals[1]).toBeInstanceOf(RampartError);
      expect(ids(await store.listTriggers())).toEqual(['t1', 't3']);
      expect(await store.getTrigger('t1')).toEqual(triggerRecord('t1'));
      expect(await store.getTriggerByHash('other')).toBeUndefined();
    });

    it('replaces a trigger on update and deletes it', async () => {
      await seedFlags();
      await seed(async (tx) => {
        await tx.insertTrigger(triggerRecord('t1'));
        await tx.insertTrigger(triggerRecord('t2'));
      });
      const fired = triggerRecord('t1', {
        name: 'renamed',
        action: 'revive',
        hash: 'rotated',
        lastFiredAt: '2030-01-03T00:00:00.000Z',
        windowStartedAt: '2030-01-03T00:00:00.000Z',
        windowCount: 7,
      });
      await seed((tx) => tx.updateTrigger(fired));
      expect(await store.getTrigger('t1')).toEqual(fired);
      expect(await store.getTriggerByHash('rotated')).toEqual(fired);
      expect(await store.getTriggerByHash('hash-t1')).toBeUndefined();
      expect(await store.getTrigger('t2')).toEqual(triggerRecord('t2'));

      await seed((tx) => tx.deleteTrigger('t1'));
      expect(await store.getTrigger('t1')).toBeUndefined();
      expect(await store.getTriggerByHash('rotated')).toBeUndefined();
      expect(ids(await store.listTriggers())).toEqual(['t2']);
    });

    it('records audit entries about triggers and webhooks', async () => {
      const base = { at: 'x', actor: 'ops', before: null, after: { enabled: false } };
      await seed(async (tx) => {
        await tx.appendAudit({ ...base, action: 'trigger.created', targetKind: 'trigger', target: 't1' });
        await tx.appendAudit({ ...base, action: 'webhook.created', targetKind: 'webhook', target: 'w1' });
      });
      const page = await store.listAudit({ limit: 10 });
      expect(page.entries.map((entry) => [entry.targetKind, entry.target])).toEqual([
        ['webhook', 'w1'],
        ['trigger', 't1'],
      ]);
    });
  });

  describe('webhooks and deliveries', () => {
    const at = (minute: number) => `2030-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
    const ids = (records: { id: string }[]) => records.map((record) => record.id);

    it('keeps every field of a webhook, telling no filter from an empty one', async () => {
      const all = webhookRecord('w1');
      const none = webhookRecord('w2', {
        url: 'https://hooks.slack.example/services/T0/B0/x?y=ü',
        events: [],
        environments: ['production', 'ünïcødé'],
        format: 'slack',
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        enabled: false,
        disabledReason: '5 days of failures',
        createdAt: at(1),
        updatedAt: at(2),
      });
      const some = webhookRecord('w3', { events: ['config.killed', 'release.*'], environments: null });
      await seed(async (tx) => {
        await tx.insertWebhook(all);
        await tx.insertWebhook(none);
        await tx.insertWebhook(some);
      });
      expect(await store.getWebhook('w1')).toEqual(all);
      expect(await store.getWebhook('w2')).toEqual(none);
      expect(await store.getWebhook('w3')).toEqual(some);
      expect(await store.getWebhook('w4')).toBeUndefined();
    });

    it('lists webhooks by creation time, then id', async () => {
      await seed(async (tx) => {
        await tx.insertWebhook(webhookRecord('w1', { createdAt: at(2) }));
        await tx.insertWebhook(webhookRecord('w2', { createdAt: at(1) }));
        await tx.insertWebhook(webhookRecord('b', { createdAt: at(2) }));
        await tx.insertWebhook(webhookRecord('B', { createdAt: at(2) }));
      });
      expect(ids(await store.listWebhooks())).toEqual(['w2', 'B', 'b', 'w1']);
    });

    it('refuses a duplicate webhook id as a conflict and lets the transaction go on', async () => {
      await seed((tx) => tx.insertWebhook(webhookRecord('w1')));
      const refusal = await seed(async (tx) => {
        const error = await tx
          .insertWebhook(webhookRecord('w1', { url: 'https://other.example.com' }))
          .catch((caught: unknown) => caught);
        await tx.insertWebhook(webhookRecord('w2'));
        return error;
      });
      expect(refusal).toBeInstanceOf(RampartError);
      expect(refusal).toMatchObject({ code: 'conflict', message: "webhook 'w1' already exists" });
      expect(await store.getWebhook('w1')).toEqual(webhookRecord('w1'));
      expect(ids(await store.listWebhooks())).toEqual(['w1', 'w2']);
    });

    it('replaces a webhook on update', async () => {
      await seed(async (tx) => {
        await tx.insertWebhook(webhookRecord('w1', { events: ['config.*'] }));
        await tx.insertWebhook(webhookRecord('w2'));
      });
      const disabled = webhookRecord('w1', {
        url: 'https://hooks.example.com/moved',
        events: null,
        environments: ['development'],
        format: 'slack',
        enabled: false,
        disabledReason: 'disabled by ops',
        updatedAt: at(5),
      });
      await seed((tx) => tx.updateWebhook(disabled));
      expect(await store.getWebhook('w1')).toEqual(disabled);
      expect(await store.getWebhook('w2')).toEqual(webhookRecord('w2'));
    });

    it('gives deliveries increasing sequences and keeps their JSON as it was queued', async () => {
      const payload = {
        type: 'config.updated',
        timestamp: at(0),
        data: {
          flag: 'café-☕',
          z: 1,
          a: [1, 2.5, -3e-7, null, true, 'ü', { nested: { deeper: ['😀'] } }],
          empty: {},
          text: 'line\nbreak "quoted" \\ back',
        },
      };
      const attempts = [
        { at: at(1), durationMs: 120, status: 503 },
        { at: at(2), durationMs: 10_000, error: 'timeout' },
      ];
      await seed(async (tx) => {
        await tx.insertWebhook(webhookRecord('w1'));
        await tx.insertDeliveries([
          deliveryRecord('msg_1', 'w1', { payload, attempts, earlierAttempts: 1, leaseUntil: at(3) }),
          deliveryRecord('msg_2', 'w1', { eventType: 'flag.created', payload: [1, 'two'] }),
          deliveryRecord('msg_3', 'w1', { status: 'failed', nextAttemptAt: null, payload: 'just text' }),
        ]);
      });
      await seed((tx) => tx.insertDeliveries([deliveryRecord('msg_4', 'w1', { payload: 42 })]));
      await seed((tx) => tx.insertDeliveries([]));
      const [first, second, third, fourth] = await Promise.all(
        ['msg_1', 'msg_2', 'msg_3', 'msg_4'].map((id) => store.getDelivery(id)),
      );
      const sequences = [first, second, third, fourth].map((delivery) => delivery?.sequence ?? Number.NaN);
      expect(sequences.every(Number.isSafeInteger)).toBe(true);
      expect([...sequences].sort((x, y) => x - y)).toEqual(sequences);
      expect(new Set(sequences).size).toBe(4);
      expect(first).toEqual({
        ...deliveryRecord('msg_1', 'w1', { payload, attempts, earlierAttempts: 1, leaseUntil: at(3) }),
        sequence: sequences[0],
      });
      // Key order too: the payload is signed as it was queued.
      expect(JSON.stringify(first?.payload)).toBe(JSON.stringify(payload));
      expect(second).toMatchObject({ eventType: 'flag.created', payload: [1, 'two'] });
      expect(third).toMatchObject({ status: 'failed', nextAttemptAt: null, payload: 'just text' });
      expect(fourth?.payload).toBe(42);
      expect(await store.getDelivery('msg_5')).toBeUndefined();
    });

    it('refuses a delivery whose id exists as a conflict and lets the transaction go on', async () => {
      await seed(async (tx) => {
        await tx.insertWebhook(webhookRecord('w1'));
        await tx.insertDeliveries([deliveryRecord('msg_1', 'w1')]);
      });
      const refusal = await seed(async (tx) => {
        const error = await tx
          .insertDeliveries([deliveryRecord('msg_2', 'w1'), deliveryRecord('msg_1', 'w1', { eventType: 'again' })])
          .catch((caught: unknown) => caught);
        await tx.insertDeliveries([deliveryRecord('msg_3', 'w1')]);
        return error;
      });
      expect(refusal).toBeInstanceOf(RampartError);
      expect(refusal).toMatchObject({ code: 'conflict', message: "delivery 'msg_1' already exists" });
      expect(await store.getDelivery('msg_1')).toMatchObject({ eventType: 'config.killed' });
      expect(ids(await store.listDeliveries({ webhookId: 'w1', limit: 10 }))).toEqual(['msg_3', 'msg_2', 'msg_1']);
    });

    it("pages one webhook's deliveries newest first", async () => {
      await seed(async (tx) => {
        await tx.insertWebhook(webhookRecord('w1'));
        await tx.insertWebhook(webhookRecord('w2'));
        for (let n = 1; n <= 7; n++) {
          await tx.insertDeliveries([deliveryRecord(`msg_${n}`, 'w1'), deliveryRecord(`other_${n}`, 'w2')]);
        }
      });
      const pages: string[][] = [];
      let beforeSequence: number | undefined;
      for (let n = 0; n < 5; n++) {
        const page = await store.listDeliveries({ webhookId: 'w1', limit: 3, beforeSequence });
        pages.push(ids(page));
        const last = page.at(-1);
        if (last === undefined) break;
        beforeSequence = last.sequence;
      }
      expect(pages).toEqual([['msg_7', 'msg_6', 'msg_5'], ['msg_4', 'msg_3', 'msg_2'], ['msg_1'], []]);
      expect(ids(await store.listDeliveries({ webhookId: 'w2', limit: 2 }))).toEqual(['other_7', 'other_6']);
      expect(await store.listDeliveries({ webhookId: 'w1', limit: 0 })).toEqual([]);
      expect(await store.listDeliveries({ webhookId: 'w1', limit: -1 })).toEqual([]);
      expect(await store.listDeliveries({ webhookId: 'w3', limit: 10 })).toEqual([]);
    });

    it('deletes a webhook with its deliveries, leaving the others', async () => {
      await seed(async (tx) => {
        await tx.insertWebhook(webhookRecord('w1'));
        await tx.insertWebhook(webhookRecord('w2'));
        await tx.insertDeliveries([
          deliveryRecord('msg_1', 'w1'),
          deliveryRecord('msg_2', 'w2'),
          deliveryRecord('msg_3', 'w1'),
        ]);
      });
      await seed((tx) => tx.deleteWebhook('w1'));
      expect(await store.getWebhook('w1')).toBeUndefined();
      expect(await store.getDelivery('msg_1')).toBeUndefined();
      expect(await store.getDelivery('msg_3')).toBeUndefined();
      expect(await store.listDeliveries({ webhookId: 'w1', limit: 10 })).toEqual([]);
      expect(ids(await store.listWebhooks())).toEqual(['w2']);
      expect(ids(await store.listDeliveries({ webhookId: 'w2', limit: 10 }))).toEqual(['msg_2']);
    });

    it('tells when a pending delivery of an enabled webhook is due and unclaimed', async () => {
      await seed(async (tx) => {
        await tx.insertWebhook(webhookRecord('on'));
        await tx.insertWebhook(webhookRecord('off', { enabled: false, disabledReason: 'ops' }));
      });
      expect(await store.hasDueDeliveries(at(59))).toBe(false);
      await seed((tx) =>
        tx.insertDeliveries([
          deliveryRecord('later', 'on', { nextAttemptAt: at(20) }),
          deliveryRecord('held', 'on', { nextAttemptAt: at(0), leaseUntil: at(30) }),
          deliveryRecord('delivered', 'on', { status: 'delivered', nextAttemptAt: at(0) }),
          deliveryRecord('failed', 'on', { status: 'failed', nextAttemptAt: at(0) }),
          deliveryRecord('unscheduled', 'on', { nextAttemptAt: null }),
          deliveryRecord('disabled', 'off', { nextAttemptAt: at(0) }),
        ]),
      );
      // Nothing is due before the later one's time, which counts from that time on.
      expect(await store.hasDueDeliveries(at(19))).toBe(false);
      expect(await store.hasDueDeliveries(at(20))).toBe(true);
      const later = await store.getDelivery('later');
      if (later === undefined) throw new Error('missing delivery');
      await seed((tx) => tx.updateDelivery({ ...later, status: 'delivered', nextAttemptAt: null }));
      // A lease holds the delivery up to and including its end.
      expect(await store.hasDueDeliveries(at(29))).toBe(false);
      expect(await store.hasDueDeliveries(at(30))).toBe(false);
      expect(await store.hasDueDeliveries(at(31))).toBe(true);
      const held = await store.getDelivery('held');
      if (held === undefined) throw new Error('missing delivery');
      await seed((tx) => tx.updateDelivery({ ...held, status: 'failed', nextAttemptAt: null, leaseUntil: null }));
      expect(await store.hasDueDeliveries(at(59))).toBe(false);
      await seed((tx) => tx.updateWebhook(webhookRecord('off')));
      expect(await store.hasDueDeliveries(at(0))).toBe(true);
    });

    it('claims due deliveries, the longest due first, up to the limit, each once until its lease ends', async () => {
      await seed(async (tx) => {
        await tx.insertWebhook(webhookRecord('on'));
        await tx.insertWebhook(webhookRecord('off', { enabled: false }));
        await tx.insertDeliveries([
          deliveryRecord('m5', 'on', { nextAttemptAt: at(5) }),
          deliveryRecord('m1', 'on', { nextAttemptAt: at(1), attempts: [{ at: at(0), durationMs: 3, status: 500 }] }),
          deliveryRecord('m3', 'on', { nextAttemptAt: at(3) }),
          deliveryRecord('m1-later', 'on', { nextAttemptAt: at(1) }),
          deliveryRecord('future', 'on', { nextAttemptAt: at(50) }),
          deliveryRecord('disabled', 'off', { nextAttemptAt: at(0) }),
          deliveryRecord('held', 'on', { nextAttemptAt: at(0), leaseUntil: at(40) }),
          deliveryRecord('done', 'on', { status: 'delivered', nextAttemptAt: at(0) }),
        ]);
      });
      const sequenceOf = async (id: string) => (await store.getDelivery(id))?.sequence;
      expect(await seed((tx) => tx.claimDueDeliveries(at(10), at(11), 0))).toEqual([]);

      const first = await seed((tx) => tx.claimDueDeliveries(at(10), at(11), 3));
      expect(first).toEqual([
        {
          ...deliveryRecord('m1', 'on', {
            nextAttemptAt: at(1),
            attempts: [{ at: at(0), durationMs: 3, status: 500 }],
            leaseUntil: at(11),
          }),
          sequence: await sequenceOf('m1'),
        },
        {
          ...deliveryRecord('m1-later', 'on', { nextAttemptAt: at(1), leaseUntil: at(11) }),
          sequence: await sequenceOf('m1-later'),
        },
        {
          ...deliveryRecord('m3', 'on', { nextAttemptAt: at(3), leaseUntil: at(11) }),
          sequence: await sequenceOf('m3'),
        },
      ]);
      expect(await store.getDelivery('m1')).toMatchObject({ leaseUntil: at(11), status: 'pending' });
      expect(await store.getDelivery('m5')).toMatchObject({ leaseUntil: null });
      expect(await store.hasDueDeliveries(at(10))).toBe(true);

      expect(ids(await seed((tx) => tx.claimDueDeliveries(at(10), at(11), 10)))).toEqual(['m5']);
      // Claimed at the same time again: every due delivery is held.
      expect(await seed((tx) => tx.claimDueDeliveries(at(10), at(11), 10))).toEqual([]);
      expect(await store.hasDueDeliveries(at(10))).toBe(false);
      expect(await seed((tx) => tx.claimDueDeliveries(at(11), at(12), 10))).toEqual([]);

      // Once the leases have ended, they can be claimed again, in the same order.
      const again = await seed((tx) => tx.claimDueDeliveries(at(12), at(13), 10));
      expect(again.map((delivery) => [delivery.id, delivery.leaseUntil])).toEqual([
        ['m1', at(13)],
        ['m1-later', at(13)],
        ['m3', at(13)],
        ['m5', at(13)],
      ]);
      // The first lease has ended too: everything due comes back, the longest due first.
      expect(ids(await seed((tx) => tx.claimDueDeliveries(at(41), at(42), 10)))).toEqual([
        'held',
        'm1',
        'm1-later',
        'm3',
        'm5',
      ]);
      expect(await store.getDelivery('disabled')).toMatchObject({ leaseUntil: null });
      expect(await store.getDelivery('done')).toMatchObject({ leaseUntil: null });
      expect(await store.getDelivery('future')).toMatchObject({ leaseUntil: null });
    });

    it('replaces a delivery on update, keeping its sequence', async () => {
      await seed(async (tx) => {
        await tx.insertWebhook(webhookRecord('w1'));
        await tx.insertDeliveries([deliveryRecord('msg_1', 'w1'), deliveryRecord('msg_2', 'w1')]);
      });
      const stored = await store.getDelivery('msg_1');
      if (stored === undefined) throw new Error('missing delivery');
      const delivered = {
        ...stored,
        status: 'delivered' as const,
        attempts: [
          { at: at(1), durationMs: 5_000, error: 'connection refused' },
          { at: at(2), durationMs: 87, status: 204 },
        ],
        earlierAttempts: 1,
        nextAttemptAt: null,
        leaseUntil: null,
        updatedAt: at(2),
      };
      // A sequence passed in is not written: the store's stays.
      await seed((tx) => tx.updateDelivery({ ...delivered, sequence: stored.sequence + 100 }));
      expect(await store.getDelivery('msg_1')).toEqual(delivered);
      expect(await store.getDelivery('msg_2')).toMatchObject({ status: 'pending', attempts: [] });
      expect(ids(await store.listDeliveries({ webhookId: 'w1', limit: 10 }))).toEqual(['msg_2', 'msg_1']);
    });

    it('leaves no trigger, webhook, delivery or lease behind when the transaction rejects', async () => {
      await seed(async (tx) => {
        await tx.insertEnvironment(environmentRecord('production'));
        await tx.insertFlag(flagRecord('a'));
        await tx.insertWebhook(webhookRecord('kept'));
        await tx.insertDeliveries([deliveryRecord('kept_1', 'kept', { nextAttemptAt: at(1) })]);
      });
      const failing = seed(async (tx) => {
        await tx.insertTrigger(triggerRecord('t1'));
        await tx.insertWebhook(webhookRecord('w1'));
        await tx.insertDeliveries([deliveryRecord('msg_1', 'w1'), deliveryRecord('msg_2', 'kept')]);
        expect(ids(await tx.claimDueDeliveries(at(5), at(6), 10))).toEqual(['msg_1', 'msg_2', 'kept_1']);
        await tx.updateWebhook(webhookRecord('kept', { enabled: false }));
        throw new Error('changed my mind');
      });
      await expect(failing).rejects.toThrow('changed my mind');
      expect(await store.listTriggers()).toEqual([]);
      expect(await store.getTriggerByHash('hash-t1')).toBeUndefined();
      expect(await store.listWebhooks()).toEqual([webhookRecord('kept')]);
      expect(await store.getDelivery('msg_1')).toBeUndefined();
      expect(ids(await store.listDeliveries({ webhookId: 'kept', limit: 10 }))).toEqual(['kept_1']);
      expect(await store.getDelivery('kept_1')).toMatchObject({ leaseUntil: null });
      expect(await store.hasDueDeliveries(at(5))).toBe(true);
    });
  });

  describe('health', () => {
    it('reports healthy while open and unhealthy once closed', async () => {
      expect(await store.check()).toEqual({ ok: true });
      await store.close();
      expect(await store.check()).toMatchObject({ ok: false });
    });
  });
}
