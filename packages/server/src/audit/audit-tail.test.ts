import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSilentLogger } from '../base/logger.js';
import { createMemoryBus } from '../bus/memory-bus.js';
import { createPostgresStore } from '../store/postgres/postgres-store.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { AuditEntry, NewAuditEntry, Store } from '../store/store.js';
import { createTestDatabase, describeWithServices, probePostgres } from '../test-support/services.js';
import { createManualClock } from '../test-support/test-app.js';
import { createAuditTail, settle } from './audit-tail.js';

const entry = (id: number): AuditEntry => ({
  id: String(id),
  at: '2030-01-01T00:00:00.000Z',
  actor: 'ops',
  action: `action-${id}`,
  targetKind: 'flag',
  target: 'a',
  before: null,
  after: null,
});

const newEntry = (action: string): NewAuditEntry => ({
  at: '2030-01-01T00:00:00.000Z',
  actor: 'ops',
  action,
  targetKind: 'flag',
  target: 'a',
  before: null,
  after: null,
});
const actions = (entries: readonly AuditEntry[]) => entries.map((e) => e.action);

describe('settling the entries read after the last one passed on', () => {
  it('passes consecutive ids at once', () => {
    expect(settle([entry(5), entry(6)], 4, undefined, 0, 2_000)).toEqual({
      passed: [entry(5), entry(6)],
      position: 6,
      missing: undefined,
    });
  });

  it('holds back what follows a missing id, and passes it in order once the missing one appears', () => {
    const held = settle([entry(5), entry(7), entry(8)], 4, undefined, 1_000, 2_000);
    expect(held).toEqual({ passed: [entry(5)], position: 5, missing: { id: 6, since: 1_000 } });
    const still = settle([entry(7), entry(8)], 5, held.missing, 2_999, 2_000);
    expect(still).toEqual({ passed: [], position: 5, missing: { id: 6, since: 1_000 } });
    expect(settle([entry(6), entry(7), entry(8)], 5, still.missing, 3_000, 2_000)).toEqual({
      passed: [entry(6), entry(7), entry(8)],
      position: 8,
      missing: undefined,
    });
  });

  it('passes over an id missing for the grace period, and waits afresh for the next one missing', () => {
    const over = settle([entry(7), entry(9)], 5, { id: 6, since: 1_000 }, 3_000, 2_000);
    expect(over).toEqual({ passed: [entry(7)], position: 7, missing: { id: 8, since: 3_000 } });
  });

  it('ignores entries up to the position', () => {
    expect(settle([entry(3), entry(4), entry(5)], 4, undefined, 0, 2_000).passed).toEqual([entry(5)]);
  });
});

describe('the audit tail', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  const append = (store: Store, ...names: string[]) =>
    store.transaction(async (tx) => {
      for (const name of names) await tx.appendAudit(newEntry(name));
    });

  it('starts after the newest entry, reads when the bus announces a change, and tells every listener once', async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    stores.push(store);
    const bus = createMemoryBus();
    await append(store, 'before');
    const tail = createAuditTail({ store, bus, clock: createManualClock(), logger: createSilentLogger() });
    const first: AuditEntry[] = [];
    const second: AuditEntry[] = [];
    const one = await tail.listen((entries) => first.push(...entries));
    const two = await tail.listen((entries) => second.push(...entries));
    expect(one.position).toBe(1);
    expect(two.position).toBe(1);

    await append(store, 'a', 'b');
    await bus.publish({ environment: 'production', version: 2 });
    await tail.read();
    expect(actions(first)).toEqual(['a', 'b']);
    expect(actions(second)).toEqual(['a', 'b']);
    two.stop();
    await append(store, 'c');
    await tail.read();
    expect(actions(first)).toEqual(['a', 'b', 'c']);
    expect(actions(second)).toEqual(['a', 'b']);
  });

  it('reads in batches until it has caught up', async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    stores.push(store);
    const tail = createAuditTail({
      store,
      bus: createMemoryBus(),
      clock: createManualClock(),
      logger: createSilentLogger(),
      batchSize: 2,
    });
    const heard: AuditEntry[] = [];
    const { position } = await tail.listen((entries) => heard.push(...entries));
    expect(position).toBe(0);
    await append(store, 'a', 'b', 'c', 'd', 'e');
    await tail.read();
    expect(actions(heard)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('polls while anyone listens, and keeps no timer or subscription once the last one leaves', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = createSqliteStore({ filename: ':memory:' });
    stores.push(store);
    let subscribed = 0;
    const memory = createMemoryBus();
    const bus = {
      subscribe: (listener: Parameters<typeof memory.subscribe>[0]) => {
        subscribed++;
        const unsubscribe = memory.subscribe(listener);
        return () => {
          subscribed--;
          unsubscribe();
        };
      },
    };
    const tail = createAuditTail({ store, bus, clock: createManualClock(), logger: createSilentLogger() });
    expect(vi.getTimerCount()).toBe(0);
    const heard: AuditEntry[] = [];
    const listening = await tail.listen((entries) => heard.push(...entries));
    expect([vi.getTimerCount(), subscribed]).toEqual([1, 1]);
    await append(store, 'unannounced');
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(actions(heard)).toEqual(['unannounced']));
    listening.stop();
    expect([vi.getTimerCount(), subscribed]).toEqual([0, 0]);
    // The next listener starts from the newest entry then, not from where the last one left.
    await append(store, 'while nobody listened');
    const again = await tail.listen(() => undefined);
    expect(again.position).toBe(2);
    again.stop();
  });
});

const postgres = await probePostgres();

describeWithServices([postgres], 'the audit tail on PostgreSQL', () => {
  it('passes entries in id order when a transaction holding a smaller id commits later, and passes over a rolled-back id after the grace', async () => {
    const database = await createTestDatabase();
    const store = await createPostgresStore({ connectionString: database.url });
    // Two connections of their own, without the store's write lock: as two writers whose
    // transactions overlap.
    const first = new pg.Client({ connectionString: database.url });
    const second = new pg.Client({ connectionString: database.url });
    const insert = (client: pg.Client, action: string) =>
      client.query(
        `insert into audit_entries (at, actor, action, target_kind, target) values ('2030-01-01T00:00:00.000Z', 'ops', $1, 'flag', 'a')`,
        [action],
      );
    try {
      await Promise.all([first.connect(), second.connect()]);
      const clock = createManualClock();
      const tail = createAuditTail({
        store,
        bus: createMemoryBus(),
        clock,
        logger: createSilentLogger(),
        gapMs: 2_000,
      });
      const heard: AuditEntry[] = [];
      await tail.listen((entries) => heard.push(...entries));

      await first.query('begin');
      await insert(first, 'committed second');
      await second.query('begin');
      await insert(second, 'committed first');
      await second.query('commit');
      await tail.read();
      expect(heard).toEqual([]);
      await first.query('commit');
      await tail.read();
      expect(actions(heard)).toEqual(['committed second', 'committed first']);
      expect(heard.map((e) => Number(e.id))).toEqual([1, 2]);

      await first.query('begin');
      await insert(first, 'rolled back');
      await first.query('rollback');
      await insert(second, 'after the rollback');
      await tail.read();
      clock.advance(1.9);
      await tail.read();
      expect(heard).toHaveLength(2);
      clock.advance(0.1);
      await tail.read();
      expect(actions(heard).slice(2)).toEqual(['after the rollback']);
      expect(heard.map((e) => Number(e.id))).toEqual([1, 2, 4]);
    } finally {
      await Promise.all([first.end(), second.end()]);
      await store.close();
      await database.drop();
    }
  });
});
