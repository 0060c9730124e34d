import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('configuration', () => {
  it('defaults to 127.0.0.1:4000 and ./data/rampart.db', () => {
    expect(parseConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      sqliteFile: './data/rampart.db',
      adminToken: undefined,
      maxBodyBytes: 1024 * 1024,
      logLevel: 'info',
      commit: undefined,
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({ PORT: '0', HOST: '0.0.0.0', DATABASE_URL: 'file:/var/lib/rampart.db', RAMPART_ADMIN_TOKEN: 't', MAX_BODY_BYTES: '2048', LOG_LEVEL: 'warn', RAMPART_COMMIT: 'abc' });
    expect(config).toEqual({ port: 0, host: '0.0.0.0', sqliteFile: '/var/lib/rampart.db', adminToken: 't', maxBodyBytes: 2048, logLevel: 'warn', commit: 'abc' });
  });

  it('refuses bad values with a message that names the variable', () => {
    expect(() => parseConfig({ PORT: '99999' })).toThrow(/PORT/);
    expect(() => parseConfig({ PORT: '12ab' })).toThrow(/PORT/);
    expect(() => parseConfig({ MAX_BODY_BYTES: '-1' })).toThrow(/MAX_BODY_BYTES/);
    expect(() => parseConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ DATABASE_URL: 'postgres://localhost/rampart' })).toThrow(/PostgreSQL/);
  });
});
