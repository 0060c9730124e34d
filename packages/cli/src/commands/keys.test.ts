import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, type AdminApi } from '../../test-support/api.js';
import { cliFor, type CliRunner } from '../../test-support/cli.js';
import { startServer, type RunningServer } from '../../test-support/server.js';

interface Key {
  id: string;
  kind: string;
  environment: string | null;
  name: string;
  createdAt: string;
  revokedAt: string | null;
  secret?: string;
}

describe('keys against a real server', () => {
  let server: RunningServer;
  let rampart: CliRunner;
  let api: AdminApi;
  beforeAll(async () => {
    server = await startServer();
    rampart = cliFor(server.url, server.adminToken);
    api = adminApi(server);
  });
  afterAll(() => server.stop());

  const keys = async () => ((await api('GET', '/api/v1/keys')).json as { keys: Key[] }).keys;

  it('create prints the secret once with a warning; --json gives the key with its secret', async () => {
    const created = await rampart([
      'keys',
      'create',
      '--kind',
      'server',
      '--env',
      'production',
      '--name',
      'checkout-api',
    ]);
    expect(created.code).toBe(0);
    const [headline, secret, warning] = created.stdout.trimEnd().split('\n');
    expect(headline).toMatch(/^Created server key 'checkout-api' for production \(id \w+\)$/);
    expect(secret).toMatch(/^rps_\S+$/);
    expect(warning).toBe('This secret will not be shown again: keep it somewhere safe now.');
    const works = await fetch(`${server.url}/api/v1/sdk/flags`, { headers: { authorization: `Bearer ${secret}` } });
    expect(works.status).toBe(200);

    const json = await rampart(['--json', 'keys', 'create', '--kind', 'admin', '--name', 'ci']);
    expect(json.code).toBe(0);
    expect(json.json).toEqual({
      id: expect.any(String),
      kind: 'admin',
      environment: null,
      name: 'ci',
      createdAt: expect.any(String),
      revokedAt: null,
      secret: expect.stringMatching(/^rpa_/),
    });
  });

  it('list shows every key in a table, and never a secret; --json gives the API answer', async () => {
    const table = await rampart(['keys', 'list']);
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+KIND\s+ENVIRONMENT\s+NAME\s+CREATED\s+REVOKED$/);
    expect(
      rows.some((row) => /^\w+\s+server\s+production\s+checkout-api\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(row)),
    ).toBe(true);
    expect(table.stdout).not.toMatch(/rp[asc]_/);
    const json = await rampart(['--json', 'keys', 'list']);
    expect(json.json).toEqual({ keys: await keys() });
    expect(json.stdout).not.toContain('secret');
  });

  it('revoke stops the key; a misspelled id suggests the nearest ids with their names', async () => {
    const target = (await keys()).find((key) => key.name === 'checkout-api');
    if (target === undefined) throw new Error('no checkout-api key');
    const typo = `${target.id.slice(0, -1)}x`;
    const misspelled = await rampart(['keys', 'revoke', typo]);
    expect(misspelled.code).toBe(1);
    expect(misspelled.stderr).toContain(`error: there is no key '${typo}'`);
    expect(misspelled.stderr).toContain(`hint: did you mean '${target.id}' (checkout-api)?`);
    const byName = await rampart(['keys', 'revoke', 'checkout-api']);
    expect(byName.stderr).toContain(`did you mean '${target.id}' (checkout-api)?`);

    const revoked = await rampart(['--json', 'keys', 'revoke', target.id]);
    expect(revoked.code).toBe(0);
    expect(revoked.json).toMatchObject({ id: target.id, revokedAt: expect.any(String) });
    const listed = await rampart(['keys', 'list']);
    expect(listed.stdout).toMatch(
      new RegExp(`${target.id}\\s+server\\s+production\\s+checkout-api\\s+\\S+ \\S+\\s+\\d{4}`),
    );
  });

  it('--dry-run prints the request and creates or revokes nothing', async () => {
    const before = await keys();
    const dry = await rampart([
      'keys',
      'create',
      '--kind',
      'client',
      '-e',
      'development',
      '--name',
      'web',
      '--dry-run',
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`POST ${server.url}/api/v1/keys`);
    expect(dry.stdout).toContain('{"kind":"client","environment":"development","name":"web"}');
    const live = before.find((key) => key.name === 'ci');
    const revoke = await rampart(['--json', 'keys', 'revoke', live?.id ?? '', '--dry-run']);
    expect(revoke.json).toMatchObject({ dryRun: true, request: { method: 'DELETE' } });
    expect(await keys()).toEqual(before);
  });

  it('a server key needs an environment, an unknown one suggests the nearest, a bad kind is a usage error', async () => {
    const missing = await rampart(['keys', 'create', '--kind', 'client', '--name', 'web']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('a client key belongs to one environment: add --env <environment>');
    const unknown = await rampart(['keys', 'create', '--kind', 'client', '--env', 'prod', '--name', 'web']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("there is no environment 'prod'");
    expect(unknown.stderr).toContain("did you mean 'production'?");
    expect((await rampart(['keys', 'create', '--kind', 'root', '--name', 'x'])).code).toBe(64);
  });
});
