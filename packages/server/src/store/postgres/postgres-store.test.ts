import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeWithServices,
  probePostgres,
  type TestDatabase,
} from '../../test-support/services.js';
import { runStoreContract } from '../contract.js';
import { runPeopleContract } from '../contract-people.js';
import { environmentRecord, flagRecord } from '../contract-fixtures.js';
import { expectUpgraded, FIRST_RELEASE_ROWS, firstReleaseMigrations } from '../../test-support/first-release.js';
import { LOCK_SPACE, MIGRATION_LOCK } from './advisory-locks.js';
import { createPostgresStore } from './postgres-store.js';

/** An audit entry as the first release wrote it, without how it was made. */
const LEGACY_AUDIT = `INSERT INTO audit_entries (at, actor, action, target_kind, target, before, after)
  VALUES ('2030-01-01T00:00:00.000Z', 'ops', 'flag.created', 'flag', 'layout', NULL, NULL)`;

const postgres = await probePostgres();
const MIGRATIONS_FOLDER = fileURLToPath(new URL('./postgres-migrations', import.meta.url));
const MIGRATIONS = readdirSync(MIGRATIONS_FOLDER).filter((name) => name.endsWith('.sql')).length;

describeWithServices([postgres], 'PostgreSQL store', () => {
  // Every test gets a database of its own, dropped after it.
  const databases: TestDatabase[] = [];
  const freshDatabase = async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return database;
  };
  afterEach(async () => {
    await Promise.all(databases.splice(0).map((database) => database.drop()));
  });

  runStoreContract({ create: async () => createPostgresStore({ connectionString: (await freshDatabase()).url }) });
  runPeopleContract({ create: async () => createPostgresStore({ connectionString: (await freshDatabase()).url }) });

  it('lets several instances start on one new database at once, migrating it once', async () => {
    const { url } = await freshDatabase();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => createPostgresStore({ connectionString: url, maxConnections: 2 })),
    );
    try {
      await stores[0]?.transaction((tx) => tx.insertEnvironment(environmentRecord('production')));
      for (const store of stores) expect(await store.getEnvironment('production')).toMatchObject({ version: 0 });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const applied = await client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      await client.end();
      expect(applied.rows).toEqual([{ n: MIGRATIONS }]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('waits for another instance’s migrations longer than its statement and lock timeouts', async () => {
    const { url } = await freshDatabase();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    // Another instance migrating: it holds the migration lock for longer than the bounds below.
    await holder.query('select pg_advisory_lock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
    const bounds = { statementTimeoutMs: 300, idleInTransactionTimeoutMs: 200, queryTimeoutMs: 500 };
    const opening = createPostgresStore({ connectionString: url, ...bounds });
    // Held for three times the statement timeout, against a real server: time is what is tested.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await holder.query('select pg_advisory_unlock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
    await holder.end();
    const store = await opening;
    try {
      await expect(store.transaction((tx) => tx.listEnvironments())).resolves.toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('upgrades a database made by the first release, keeping its configurations', async () => {
    const { url } = await freshDatabase();
    const migrationsFolder = firstReleaseMigrations(MIGRATIONS_FOLDER);
    await (await createPostgresStore({ connectionString: url, migrationsFolder })).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const statement of [...FIRST_RELEASE_ROWS, LEGACY_AUDIT]) await client.query(statement);
    await client.end();
    const upgraded = await createPostgresStore({ connectionString: url });
    try {
      // Rows from before 0005_people: the environment is unprotected, the entry has no `via`.
      expect(await upgraded.getEnvironment('production')).toEqual(environmentRecord('production'));
      expect((await upgraded.listAudit({ limit: 10 })).entries).toStrictEqual([
        {
          id: '1',
          at: '2030-01-01T00:00:00.000Z',
          actor: 'ops',
          action: 'flag.created',
          targetKind: 'flag',
          target: 'layout',
          before: null,
          after: null,
        },
      ]);
      await expectUpgraded(upgraded);
    } finally {
      await upgraded.close();
    }
  });

  it('keeps committed data across a reopen', async () => {
    const { url } = await freshDatabase();
    const first = await createPostgresStore({ connectionString: url });
    await first.transaction(async (tx) => {
      await tx.insertEnvironment(environmentRecord('production'));
      await tx.insertFlag(flagRecord('café-☕', { tags: ['ü'] }));
    });
    await first.close();
    const second = await createPostgresStore({ connectionString: url });
    expect(await second.getFlag('café-☕')).toEqual(flagRecord('café-☕', { tags: ['ü'] }));
    await second.close();
  });

  it('serialises transactions of two instances on one database', async () => {
    const { url } = await freshDatabase();
    const [a, b] = await Promise.all([
      createPostgresStore({ connectionString: url }),
      createPostgresStore({ connectionString: url }),
    ]);
    if (a === undefined || b === undefined) throw new Error('two stores expected');
    try {
      await a.transaction((tx) => tx.insertEnvironment(environmentRecord('production')));
      // Each increment reads the version, then writes it back plus one: any overlap would lose one.
      const increment = (store: typeof a) =>
        store.transaction(async (tx) => {
          const environment = await tx.getEnvironment('production');
          await tx.insertFlag(flagRecord(`f${environment?.version ?? -1}`));
          return tx.bumpVersion('production', {});
        });
      const versions = await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i % 2 === 0 ? a : b)));
      expect([...versions].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await b.listFlags()).length).toBe(20);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('recovers from connections the server dropped, and refuses to start without a database', async () => {
    const { url } = await freshDatabase();
    const store = await createPostgresStore({ connectionString: url });
    try {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      // Ends this store's connections from the server side, as a restart would.
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      await admin.end();
      expect(await store.check()).toEqual({ ok: true });
    } finally {
      await store.close();
    }
    const unreachable = new URL(url);
    unreachable.port = '1';
    await expect(
      createPostgresStore({ connectionString: unreachable.toString(), connectTimeoutMs: 1_000 }),
    ).rejects.toThrow();
  });
});
