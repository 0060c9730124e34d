import Database from 'better-sqlite3';

/** A lock on a database file for this process's life; the operating system drops it if the process dies. */
export interface ProcessLock {
  release(): void;
}

/**
 * Takes the lock that says "a server serves this SQLite file": an exclusive SQLite lock on
 * `<file>-server.lock`, held until released or until the process ends (even by SIGKILL, as
 * the operating system drops a dead process's file locks). A second server on the same file
 * would serve from its own cache and miss the first one's changes, so it must not start.
 * Other tools (a backup, `create-admin-key`) do not take it and may still open the database.
 *
 * @example
 * const lock = lockDatabaseFile('./data/rampart.db'); // throws when another process holds it
 */
export function lockDatabaseFile(filename: string): ProcessLock {
  const path = `${filename}-server.lock`;
  const lock = new Database(path, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // The first write under EXCLUSIVE locking mode takes the lock; it is kept after COMMIT.
    lock.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    lock.close();
    throw new Error(
      `another process holds ${filename} (its lock is ${path}): stop that server, or give this one its own DATABASE_URL; ` +
        'several instances need PostgreSQL',
      { cause: error },
    );
  }
  return { release: () => lock.close() };
}
