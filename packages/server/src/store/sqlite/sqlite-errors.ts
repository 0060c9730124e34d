import { errorCodes } from '../unavailable.js';

/**
 * Why a better-sqlite3 error means the database cannot serve now (read-only, full, failing
 * disk, locked by another process), or `undefined`.
 *
 * @example
 * classifySqliteError(error); // 'the database file is read-only (SQLITE_READONLY)'
 */
export function classifySqliteError(error: unknown): string | undefined {
  for (const code of errorCodes(error)) {
    if (code.startsWith('SQLITE_READONLY')) return `the database file is read-only (${code})`;
    if (code === 'SQLITE_FULL') return `the disk, or the database's size limit, is full (${code})`;
    if (code.startsWith('SQLITE_IOERR')) return `the disk failed a read or a write (${code})`;
    if (code.startsWith('SQLITE_CANTOPEN')) return `the database file cannot be opened (${code})`;
    if (code.startsWith('SQLITE_BUSY')) return `another process holds the database's lock (${code})`;
  }
  return undefined;
}

/**
 * Why a failed write means the database cannot take writes for now, in a way that only a write
 * shows (read-only, full, failing disk): readiness remembers those for a while. A lost lock or
 * connection is not one: the health check sees it, and it passes.
 *
 * @example
 * sqliteWriteFailure(error); // 'the disk, or the database's size limit, is full (SQLITE_FULL)'
 */
export function sqliteWriteFailure(error: unknown): string | undefined {
  return errorCodes(error).some((code) => /^SQLITE_(READONLY|FULL|IOERR)/.test(code))
    ? classifySqliteError(error)
    : undefined;
}
