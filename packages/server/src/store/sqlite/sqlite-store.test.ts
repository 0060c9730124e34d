import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runStoreContract } from '../contract.js';
import { runPeopleContract } from '../contract-people.js';
import { environmentRecord } from '../contract-fixtures.js';
import { expectUpgraded, FIRST_RELEASE_ROWS, firstReleaseMigrations } from '../../test-support/first-release.js';
import { createSqliteStore } from './sqlite-store.js';

/** An audit entry as the first release wrote it, without how it was made. */
const LEGACY_AUDIT = `INSERT INTO audit_entries (at, actor, action, target_kind, target, before, after)
  VALUES ('2030-01-01T00:00:00.000Z', 'ops', 'flag.created', 'flag', 'layout', NULL, NULL)`;

describe('SQLite store (in memory)', () => {
  runStoreContract({ create: () => createSqliteStore({ filename: ':memory:' }) });
  runPeopleContract({ create: () => createSqliteStore({ filename: ':memory:' }) });
});

describe('SQLite store (file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  runStoreContract({ create: () => createSqliteStore({ filename: join(dir, `contract-${++n}.db`) }) });

  it('keeps committed data across a reopen and applies migrations only once', async () => {
    const filename = join(dir, 'nested', 'folder', 'reopen.db');
    const first = createSqliteStore({ filename });
    await first.transaction((tx) => tx.insertEnvironment(environmentRecord('production')));
    await first.close();
    const second = createSqliteStore({ filename });
    expect(await second.getEnvironment('production')).toMatchObject({ key: 'production' });
    await second.close();
  });

  it('upgrades a database made by the first release, keeping its configurations', async () => {
    const filename = join(dir, 'first-release.db');
    const migrationsFolder = firstReleaseMigrations(fileURLToPath(new URL('./migrations', import.meta.url)));
    await createSqliteStore({ filename, migrationsFolder }).close();
    const raw = new Database(filename);
    for (const statement of [...FIRST_RELEASE_ROWS, LEGACY_AUDIT]) raw.exec(statement);
    raw.close();
    const upgraded = createSqliteStore({ filename });
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
    await upgraded.close();
  });
});
