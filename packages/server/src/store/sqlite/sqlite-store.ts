import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { createRowAccess } from '../row-access.js';
import { createSerialQueue } from '../serial-queue.js';
import type { Store, StoreReader, StoreWriter } from '../store.js';
import { createSqliteRows } from './sqlite-rows.js';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a private in-memory database. */
  filename: string;
  /** Where drizzle-kit's migrations are; defaults to the folder shipped beside this module. */
  migrationsFolder?: string;
  /** How long a statement waits for another process's lock, in milliseconds. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating when needed) a SQLite database, applies pending migrations and returns
 * a {@link Store}. One connection serves everything; operations run one at a time, so a
 * transaction is serialisable by construction.
 *
 * @example
 * const store = createSqliteStore({ filename: './data/rampart.db' });
 * const environments = await store.listEnvironments();
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const { filename, migrationsFolder = defaultMigrationsFolder(), busyTimeoutMs = 5_000 } = options;
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new Database(filename);
  sqlite.pragma('journal_mode = WAL');
  // FULL makes every acknowledged commit survive a power cut too, not only a crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite);
  migrate(db, { migrationsFolder });
  const access = createRowAccess(createSqliteRows(db));
  const queue = createSerialQueue();
  let closed = false;

  const serial =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      queue.run(() => method(...args));

  const reader: StoreReader = {
    listEnvironments: serial(access.listEnvironments),
    getEnvironment: serial(access.getEnvironment),
    listFlags: serial(access.listFlags),
    getFlag: serial(access.getFlag),
    listFlagConfigs: serial(access.listFlagConfigs),
    getFlagConfig: serial(access.getFlagConfig),
    listSegments: serial(access.listSegments),
    getSegment: serial(access.getSegment),
    listKeys: serial(access.listKeys),
    getKey: serial(access.getKey),
    listAudit: serial(access.listAudit),
    getSnapshot: serial(access.getSnapshot),
    listChangesSince: serial(access.listChangesSince),
  };

  return {
    ...reader,
    transaction: <T>(work: (tx: StoreWriter) => Promise<T>) =>
      queue.run(async () => {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(access);
          sqlite.exec('COMMIT');
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        }
      }),
    check: () =>
      queue.run(async () => {
        if (closed) return { ok: false, reason: 'the store is closed' };
        try {
          sqlite.prepare('SELECT count(*) FROM environments').get();
          return { ok: true };
        } catch (error) {
          return { ok: false, reason: error instanceof Error ? error.message : String(error) };
        }
      }),
    close: () =>
      queue.run(async () => {
        if (closed) return;
        closed = true;
        sqlite.close();
      }),
  };
}

function defaultMigrationsFolder(): string {
  // From source: ./migrations beside this file. Bundled: dist/migrations beside the bundle.
  return fileURLToPath(new URL('./migrations', import.meta.url));
}
