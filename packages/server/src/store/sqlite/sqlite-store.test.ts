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
    for (const statement of FIRST_RELEASE_ROWS) raw.exec(statement);
    raw.close();
    const upgraded = createSqliteStore({ filename });
    await expectUpgraded(upgraded);
    await upgraded.close();
  });
});
