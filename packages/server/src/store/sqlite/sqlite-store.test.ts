import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStoreContract } from '../contract.js';
import { environmentRecord } from '../contract-fixtures.js';
import { createSqliteStore } from './sqlite-store.js';

describe('SQLite store (in memory)', () => {
  runStoreContract({ create: () => createSqliteStore({ filename: ':memory:' }) });
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
});
