import { causes, errorCodes } from '../unavailable.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
const NETWORK_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/**
 * Why a node-postgres error means the database cannot serve now (read-only, disk full, out
 * of connections, shutting down, unreachable), or `undefined`. SQLSTATE classes from
 * PostgreSQL's appendix A.
 *
 * @example
 * classifyPostgresError(error); // 'the database is read-only (25006)'
 */
export function classifyPostgresError(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    if (!(cause instanceof Error)) continue;
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : '';
    if (code === '25006') return `the database is read-only (${code})`;
    if (code === '53100') return `the database's disk is full (${code})`;
    if (code === '57014') return `a statement took longer than the statement timeout (${code})`;
    if (code === '55P03') return `waited longer than the lock timeout (${code})`;
    if (code === 'RAMPART_TRANSACTION_TIMEOUT') return cause.message;
    if (cause.message === 'Query read timeout') return 'the database did not answer within the query timeout';
    if (code.startsWith('53')) return `the database is out of resources (${code}: ${cause.message})`;
    if (code.startsWith('57P') || code.startsWith('08')) return `the connection failed (${code}: ${cause.message})`;
    if (NETWORK_CODES.has(code)) return `the server cannot be reached (${code})`;
    if (NETWORK_MESSAGES.test(cause.message)) return `the connection failed (${cause.message})`;
  }
  return undefined;
}

/**
 * Why a failed write means the database cannot take writes for now, in a way that only a write
 * shows (read-only, disk full): readiness remembers those for a while. A lost connection is not
 * one: the health check sees it, and it passes.
 *
 * @example
 * postgresWriteFailure(error); // 'the database's disk is full (53100)'
 */
export function postgresWriteFailure(error: unknown): string | undefined {
  return errorCodes(error).some((code) => code === '25006' || code === '53100')
    ? classifyPostgresError(error)
    : undefined;
}
