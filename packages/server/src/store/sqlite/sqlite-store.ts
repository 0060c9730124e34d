import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { createRowAccess } from '../row-access.js';
import { createSerialQueue } from '../serial-queue.js';
import type { Store, StoreWriter } from '../store.js';
import { reportUnavailable, type MethodWrapper } from '../unavailable.js';
import { wrapReader } from '../wrap-reader.js';
import { createWriteHealth } from '../write-health.js';
import { lockDatabaseFile, type ProcessLock } from './process-lock.js';
import { classifySqliteError, sqliteWriteFailure } from './sqlite-errors.js';
import { createSqliteRows } from './sqlite-rows.js';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a private in-memory database. */
  filename: string;
  /** Where drizzle-kit's migrations are; defaults to the folder shipped beside this module. */
  migrationsFolder?: string;
  /** How long a statement waits for another process's lock, in milliseconds. */
  busyTimeoutMs?: number;
  /**
   * Refuse to open a file that another server process serves (see `lockDatabaseFile`), and
   * hold it while open. The server sets it; tools that only add a key leave it off.
   */
  exclusive?: boolean;
  /** More PRAGMAs, applied after the migrations: `{ max_page_count: 262144 }` caps the file at 1 GiB of 4 KiB pages. */
  pragmas?: Readonly<Record<string, string | number>>;
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
  const { filename } = options;
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const lock: ProcessLock | undefined =
    options.exclusive === true && filename !== ':memory:' ? lockDatabaseFile(filename) : undefined;
  try {
    return openSqliteStore(options, filename, lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function openSqliteStore(options: SqliteStoreOptions, filename: string, lock: ProcessLock | undefined): Store {
  const { migrationsFolder = defaultMigrationsFolder(), busyTimeoutMs = 5_000 } = options;
  const sqlite = new Database(filename);
  sqlite.pragma('journal_mode = WAL');
  // FULL makes every acknowledged commit survive a power cut too, not only a crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite);
  migrate(db, { migrationsFolder });
  for (const [name, value] of Object.entries(options.pragmas ?? {})) sqlite.pragma(`${name} = ${value}`);
  const access = createRowAccess(createSqliteRows(db));
  const queue = createSerialQueue();
  const writes = createWriteHealth();
  const guard = reportUnavailable(classifySqliteError);
  const serial: MethodWrapper =
    (method) =>
    (...args) =>
      queue.run(() => method(...args));
  let closed = false;

  const transaction = guard(<T>(work: (tx: StoreWriter) => Promise<T>) =>
    queue.run(async () => {
      try {
        sqlite.exec('BEGIN IMMEDIATE');
        const result = await work(access);
        sqlite.exec('COMMIT');
        writes.succeeded();
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        const reason = sqliteWriteFailure(error);
        if (reason !== undefined) writes.failed(reason);
        throw error;
      }
    }),
  );

  return {
    ...wrapReader(access, (method) => guard(serial(method))),
    transaction,
    check: () =>
      queue.run(async () => {
        if (closed) return { ok: false, reason: 'the store is closed' };
        try {
          sqlite.prepare('SELECT count(*) FROM environments').get();
          // A write that changes nothing: it fails on a read-only file or a failing disk.
          sqlite.pragma(`user_version = ${Number(sqlite.pragma('user_version', { simple: true }))}`);
        } catch (error) {
          const reason = classifySqliteError(error) ?? (error instanceof Error ? error.message : String(error));
          return { ok: false, reason: `SQLite: ${reason}` };
        }
        const failure = writes.failure();
        return failure === undefined
          ? { ok: true }
          : { ok: false, reason: `SQLite: a recent write failed: ${failure}` };
      }),
    close: () =>
      queue.run(async () => {
        if (closed) return;
        closed = true;
        sqlite.close();
        lock?.release();
      }),
  };
}

function defaultMigrationsFolder(): string {
  // From source: ./migrations beside this file. Bundled: dist/migrations beside the bundle.
  return fileURLToPath(new URL('./migrations', import.meta.url));
}
