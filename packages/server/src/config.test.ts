import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('configuration', () => {
  it('defaults to 127.0.0.1:4000 and ./data/rampart.db', () => {
    expect(parseConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      database: { kind: 'sqlite', file: './data/rampart.db' },
      redisUrl: undefined,
      adminToken: undefined,
      maxBodyBytes: 1024 * 1024,
      logLevel: 'info',
      commit: undefined,
      corsOrigins: ['*'],
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATABASE_URL: 'file:/var/lib/rampart.db',
      RAMPART_ADMIN_TOKEN: 't',
      MAX_BODY_BYTES: '2048',
      LOG_LEVEL: 'warn',
      RAMPART_COMMIT: 'abc',
      CORS_ORIGINS: 'https://app.example.com',
    });
    expect(config).toEqual({
      port: 0,
      host: '0.0.0.0',
      database: { kind: 'sqlite', file: '/var/lib/rampart.db' },
      redisUrl: undefined,
      adminToken: 't',
      maxBodyBytes: 2048,
      logLevel: 'warn',
      commit: 'abc',
      corsOrigins: ['https://app.example.com'],
    });
  });

  it('selects PostgreSQL and Redis by their URLs', () => {
    const config = parseConfig({
      DATABASE_URL: 'postgres://rampart:pw@db:5432/rampart',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://rampart:pw@db:5432/rampart' });
    expect(config.redisUrl).toBe('redis://cache:6379');
    expect(parseConfig({ DATABASE_URL: 'postgresql://db/rampart' }).database).toEqual({
      kind: 'postgres',
      url: 'postgresql://db/rampart',
    });
  });

  it('reads CORS_ORIGINS as a list of origins, any of them * meaning every origin', () => {
    expect(parseConfig({ CORS_ORIGINS: ' https://a.example , http://localhost:5173,' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    expect(parseConfig({ CORS_ORIGINS: 'https://a.example,*' }).corsOrigins).toEqual(['*']);
    expect(parseConfig({ CORS_ORIGINS: ' ' }).corsOrigins).toEqual(['*']);
    expect(() => parseConfig({ CORS_ORIGINS: 'https://a.example/app' })).toThrow(
      /CORS_ORIGINS.*https:\/\/a\.example\/app/,
    );
    expect(() => parseConfig({ CORS_ORIGINS: 'a.example' })).toThrow(/CORS_ORIGINS/);
  });

  it('refuses bad values with a message that names the variable', () => {
    expect(() => parseConfig({ PORT: '99999' })).toThrow(/PORT/);
    expect(() => parseConfig({ PORT: '12ab' })).toThrow(/PORT/);
    expect(() => parseConfig({ MAX_BODY_BYTES: '-1' })).toThrow(/MAX_BODY_BYTES/);
    expect(() => parseConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ DATABASE_URL: 'postgres://' })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
  });

  it('never repeats a password in its messages', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' })).toThrow(/mysql:\/\/user:\*\*\*@db\/x/);
    expect(() => parseConfig({ REDIS_URL: 'http://:hunter2@cache' })).toThrow(/http:\/\/:\*\*\*@cache/);
  });
});
