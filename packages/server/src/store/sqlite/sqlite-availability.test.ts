import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RampartError } from '../../base/errors.js';
import { environmentRecord, flagRecord } from '../contract-fixtures.js';
import type { Store } from '../store.js';
import { createSqliteStore } from './sqlite-store.js';

describe('SQLite store availability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-sqlite-'));
  let n = 0;
  const file = () => join(dir, `rampart-${n++}.db`);
  const open: Store[] = [];
  const track = (store: Store) => {
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second exclusive opener of the same file, naming it, until the first closes', async () => {
    const filename = file();
    const first = track(createSqliteStore({ filename, exclusive: true }));
    expect(() => createSqliteStore({ filename, exclusive: true })).toThrow(`another process holds ${filename}`);
    // Tools that do not serve the file may still open it.
    const tool = track(createSqliteStore({ filename }));
    await tool.transaction((tx) => tx.insertEnvironment(environmentRecord('production')));
    expect(await first.getEnvironment('production')).toMatchObject({ key: 'production' });
    await first.close();
    const second = track(createSqliteStore({ filename, exclusive: true }));
    expect((await second.check()).ok).toBe(true);
  });

  it('reports a read-only database as unavailable, to readiness and to writes', async () => {
    const store = track(createSqliteStore({ filename: file(), pragmas: { query_only: 1 } }));
    expect(await store.check()).toEqual({ ok: false, reason: expect.stringContaining('read-only') });
    const write = store.transaction((tx) => tx.insertEnvironment(environmentRecord('production')));
    await expect(write).rejects.toBeInstanceOf(RampartError);
    await expect(write).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('read-only') });
    expect(await store.listEnvironments()).toEqual([]);
  });

  it('reports a full database as unavailable, to writes and then to readiness', async () => {
    const filename = file();
    const setup = createSqliteStore({ filename });
    await setup.transaction((tx) => tx.insertEnvironment(environmentRecord('production')));
    await setup.close();
    const store = track(createSqliteStore({ filename, pragmas: { max_page_count: 40 } }));
    expect((await store.check()).ok).toBe(true);
    let refused: unknown;
    for (let i = 0; i < 500 && refused === undefined; i++) {
      const flag = { ...flagRecord(`flag-${i}`), description: 'x'.repeat(2_000) };
      await store.transaction((tx) => tx.insertFlag(flag)).catch((error: unknown) => (refused = error));
    }
    expect(refused).toMatchObject({ code: 'unavailable', message: expect.stringContaining('full') });
    expect(await store.check()).toEqual({ ok: false, reason: expect.stringContaining('a recent write failed') });
  });
});
