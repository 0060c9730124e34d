import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { environmentRecord } from '../contract-fixtures.js';
import type { Store } from '../store.js';
import {
  createTestDatabase,
  describeWithServices,
  probePostgres,
  type TestDatabase,
} from '../../test-support/services.js';
import { waitFor } from '../../test-support/wait-for.js';
import { createPostgresStore } from './postgres-store.js';

const postgres = await probePostgres();

describeWithServices([postgres], 'PostgreSQL store availability', () => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    await database?.drop();
  });

  it('reports a database that has become read-only as unavailable, to readiness and to writes', async () => {
    database = await createTestDatabase();
    const name = new URL(database.url).pathname.slice(1);
    store = await createPostgresStore({ connectionString: database.url, maxConnections: 1 });
    expect(await store.check()).toEqual({ ok: true });

    // As after a failover to a replica: the database turns read-only and connections are replaced.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query(`alter database "${name}" set default_transaction_read_only = on`);
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'rampart'",
        [name],
      );
    } finally {
      await admin.end();
    }
    const current = store;
    await waitFor(
      'read-only readiness',
      async () => (await current.check()).ok === false && /read-only/.test(JSON.stringify(await current.check())),
    );
    expect(await current.check()).toEqual({ ok: false, reason: 'PostgreSQL: the database is read-only' });
    await expect(
      current.transaction((tx) => tx.insertEnvironment(environmentRecord('production'))),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('read-only (25006)'),
    });
  });
});
