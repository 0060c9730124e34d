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
      convergenceMs: 2000,
      databaseTimeouts: {
        connectTimeoutMs: 5000,
        statementTimeoutMs: 5000,
        idleInTransactionTimeoutMs: 3000,
        queryTimeoutMs: 6000,
        transactionTimeoutMs: 30000,
      },
      redisTimeouts: { connectTimeoutMs: 2000, commandTimeoutMs: 1000 },
      publicUrl: undefined,
      webhookTimeoutMs: 10000,
      webhookAllowPrivateNetworks: false,
      triggerRateLimit: 10,
      sso: undefined,
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
      CONVERGENCE_MS: '500',
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1500',
      DATABASE_QUERY_TIMEOUT_MS: '2500',
      DATABASE_TRANSACTION_TIMEOUT_MS: '10000',
      REDIS_CONNECT_TIMEOUT_MS: '300',
      REDIS_COMMAND_TIMEOUT_MS: '200',
      PUBLIC_URL: 'https://flags.example.com/',
      WEBHOOK_TIMEOUT_MS: '3000',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      TRIGGER_RATE_LIMIT: '30',
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
      convergenceMs: 500,
      databaseTimeouts: {
        connectTimeoutMs: 1000,
        statementTimeoutMs: 2000,
        idleInTransactionTimeoutMs: 1500,
        queryTimeoutMs: 2500,
        transactionTimeoutMs: 10000,
      },
      redisTimeouts: { connectTimeoutMs: 300, commandTimeoutMs: 200 },
      publicUrl: 'https://flags.example.com',
      webhookTimeoutMs: 3000,
      webhookAllowPrivateNetworks: true,
      triggerRateLimit: 30,
      sso: undefined,
    });
  });

  it('reads single sign-on from the OIDC_* variables, refusing what cannot work', () => {
    const env = {
      PUBLIC_URL: 'https://flags.example.com',
      OIDC_ISSUER: 'https://idp.example.com/',
      OIDC_CLIENT_ID: 'rampart',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_ROLE_MAPPING: 'platform-admins=admin, engineering=editor,everyone=viewer',
    };
    expect(parseConfig(env).sso).toEqual({
      issuer: 'https://idp.example.com',
      clientId: 'rampart',
      clientSecret: 's3cret',
      groupsClaim: 'groups',
      roleMapping: [
        { group: 'platform-admins', role: 'admin' },
        { group: 'engineering', role: 'editor' },
        { group: 'everyone', role: 'viewer' },
      ],
      scopes: 'openid email profile',
      label: 'Sign in with single sign-on',
      redirectUri: 'https://flags.example.com/api/v1/session/sso/callback',
    });
    expect(() => parseConfig({ ...env, PUBLIC_URL: '' })).toThrow(/PUBLIC_URL must be set with OIDC_ISSUER/);
    expect(() => parseConfig({ ...env, OIDC_ISSUER: 'http://idp.example.com' })).toThrow(
      /OIDC_ISSUER must be an https URL/,
    );
    expect(parseConfig({ ...env, OIDC_ISSUER: 'http://127.0.0.1:9000' }).sso?.issuer).toBe('http://127.0.0.1:9000');
    expect(() => parseConfig({ ...env, OIDC_CLIENT_SECRET: ' ' })).toThrow(/OIDC_CLIENT_SECRET must be set/);
    expect(() => parseConfig({ ...env, OIDC_ROLE_MAPPING: 'staff=owner' })).toThrow(/OIDC_ROLE_MAPPING.*'staff=owner'/);
  });

  it('refuses a PUBLIC_URL that is not a plain http(s) URL, and a flag that is not true or false', () => {
    expect(() => parseConfig({ PUBLIC_URL: 'flags.example.com' })).toThrow(/PUBLIC_URL must be an http or https URL/);
    expect(() => parseConfig({ PUBLIC_URL: 'https://flags.example.com/?a=1' })).toThrow(/PUBLIC_URL/);
    expect(() => parseConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'yes' })).toThrow(
      /WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false, not 'yes'/,
    );
    expect(parseConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: '0' }).webhookAllowPrivateNetworks).toBe(false);
    expect(() => parseConfig({ TRIGGER_RATE_LIMIT: '0' })).toThrow(/TRIGGER_RATE_LIMIT must be a whole number from 1/);
    expect(() => parseConfig({ WEBHOOK_TIMEOUT_MS: '99' })).toThrow(/WEBHOOK_TIMEOUT_MS/);
  });

  it('refuses a client query timeout below the server statement timeout, and timeouts out of range', () => {
    expect(() => parseConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '5000', DATABASE_QUERY_TIMEOUT_MS: '4000' })).toThrow(
      /DATABASE_QUERY_TIMEOUT_MS \(4000\) must be at least DATABASE_STATEMENT_TIMEOUT_MS \(5000\)/,
    );
    expect(
      parseConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '4000', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000' })
        .databaseTimeouts.queryTimeoutMs,
    ).toBe(5000);
    expect(() => parseConfig({ DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '5000' })).toThrow(
      /DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS \(5000\) must be below DATABASE_STATEMENT_TIMEOUT_MS \(5000\)/,
    );
    expect(() => parseConfig({ DATABASE_TRANSACTION_TIMEOUT_MS: '1000' })).toThrow(
      /DATABASE_TRANSACTION_TIMEOUT_MS \(1000\) must be at least DATABASE_QUERY_TIMEOUT_MS \(6000\)/,
    );
    expect(() => parseConfig({ CONVERGENCE_MS: '50' })).toThrow(/CONVERGENCE_MS must be a whole number from 100/);
    expect(() => parseConfig({ REDIS_COMMAND_TIMEOUT_MS: 'soon' })).toThrow(/REDIS_COMMAND_TIMEOUT_MS/);
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
