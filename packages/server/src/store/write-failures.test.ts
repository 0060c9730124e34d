import { describe, expect, it } from 'vitest';
import { postgresWriteFailure } from './postgres/postgres-errors.js';
import { sqliteWriteFailure } from './sqlite/sqlite-errors.js';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('write failures that readiness remembers', () => {
  it('are those only a write shows: read-only, full or failing storage', () => {
    expect(sqliteWriteFailure(withCode('SQLITE_FULL'))).toContain('full');
    expect(sqliteWriteFailure(withCode('SQLITE_READONLY'))).toContain('read-only');
    expect(sqliteWriteFailure(withCode('SQLITE_IOERR_WRITE'))).toContain('disk');
    expect(postgresWriteFailure(withCode('25006'))).toContain('read-only');
    expect(postgresWriteFailure(new Error('failed query', { cause: withCode('53100') }))).toContain('disk is full');
  });

  it('are not a busy lock or a lost connection, which the health check sees for itself', () => {
    expect(sqliteWriteFailure(withCode('SQLITE_BUSY'))).toBeUndefined();
    expect(postgresWriteFailure(withCode('ECONNREFUSED'))).toBeUndefined();
    expect(postgresWriteFailure(withCode('57P01', 'terminating connection'))).toBeUndefined();
    expect(postgresWriteFailure(new Error('Connection terminated unexpectedly'))).toBeUndefined();
    expect(postgresWriteFailure(withCode('23505'))).toBeUndefined();
  });
});
