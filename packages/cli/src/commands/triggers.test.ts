import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, type AdminApi } from '../../test-support/api.js';
import { cliFor, type CliRunner } from '../../test-support/cli.js';
import { startServer, type RunningServer } from '../../test-support/server.js';

interface Trigger {
  id: string;
  name: string;
  action: string;
  lastFiredAt: string | null;
  url?: string;
}

describe('triggers against a real server', () => {
  let server: RunningServer;
  let rampart: CliRunner;
  let api: AdminApi;
  beforeAll(async () => {
    server = await startServer();
    rampart = cliFor(server.url, server.adminToken);
    api = adminApi(server);
    expect((await api('POST', '/api/v1/flags', { key: 'new-checkout' })).status).toBe(201);
    await api('POST', '/api/v1/flags/new-checkout/environments/production/revive');
  });
  afterAll(() => server.stop());

  const triggers = async () =>
    ((await api('GET', '/api/v1/flags/new-checkout/environments/production/triggers')).json as { triggers: Trigger[] })
      .triggers;

  it('create prints the URL once; calling it kills the flag', async () => {
    const created = await rampart([
      ...['triggers', 'create', 'new-checkout', '--env', 'production', '--name', 'high-error-rate'],
    ]);
    expect(created.code).toBe(0);
    const [headline, url, warning] = created.stdout.trimEnd().split('\n');
    expect(headline).toMatch(
      /^Created trigger 'high-error-rate': a POST to this URL will kill new-checkout in production \(id \w+\)$/,
    );
    expect(url).toMatch(new RegExp(`^${server.url}/hooks/triggers/\\S+$`));
    expect(warning).toContain('will not be shown again');
    expect((await fetch(url ?? '', { method: 'POST' })).status).toBe(200);
    const flag = await api('GET', '/api/v1/flags/new-checkout');
    expect(flag.json).toMatchObject({ environments: { production: { enabled: false } } });
  });

  it('--json gives the created trigger with its URL; list never shows a URL', async () => {
    const created = await rampart([
      '--json',
      ...['triggers', 'create', 'new-checkout', '-e', 'production', '--name', 'all-clear', '--action', 'revive'],
    ]);
    expect(created.json).toMatchObject({
      id: expect.any(String),
      flag: 'new-checkout',
      environment: 'production',
      name: 'all-clear',
      action: 'revive',
      url: expect.stringContaining('/hooks/triggers/'),
    });
    const table = await rampart(['triggers', 'list', 'new-checkout', '--env', 'production']);
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+ACTION\s+CREATED BY\s+CREATED\s+LAST CALLED$/);
    expect(rows.find((row) => row.includes('high-error-rate'))).toMatch(/\skill\s.*\d\d:\d\d:\d\d$/);
    expect(rows.find((row) => row.includes('all-clear'))).toMatch(/\srevive\s.*never$/);
    expect(table.stdout).not.toContain('/hooks/');
    const json = await rampart(['--json', 'triggers', 'list', 'new-checkout', '--env', 'production']);
    expect(json.json).toEqual({ triggers: await triggers() });
    const empty = await rampart(['triggers', 'list', 'new-checkout', '--env', 'development']);
    expect(empty.stdout).toBe('new-checkout has no triggers in development.\n');
  });

  it('revoke stops the URL; a misspelled id suggests the nearest triggers', async () => {
    const [first] = await triggers();
    if (first === undefined) throw new Error('no trigger');
    const misspelled = await rampart(['triggers', 'revoke', 'new-checkout', first.name, '--env', 'production']);
    expect(misspelled.code).toBe(1);
    expect(misspelled.stderr).toContain(`error: new-checkout has no trigger '${first.name}' in production`);
    expect(misspelled.stderr).toContain(`hint: did you mean '${first.id}' (${first.name})?`);
    const revoked = await rampart(['--json', 'triggers', 'revoke', 'new-checkout', first.id, '--env', 'production']);
    expect(revoked.code).toBe(0);
    expect(revoked.json).toMatchObject({ id: first.id, name: first.name });
    expect((await triggers()).map((trigger) => trigger.id)).not.toContain(first.id);
  });

  it('--dry-run prints the request and changes nothing; a misspelled flag or environment suggests', async () => {
    const before = await triggers();
    const dry = await rampart(['triggers', 'create', 'new-checkout', '-e', 'production', '--name', 'x', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`POST ${server.url}/api/v1/flags/new-checkout/environments/production/triggers`);
    expect(dry.stdout).toContain('{"name":"x","action":"kill"}');
    const id = before[0]?.id ?? '';
    const revoke = await rampart(['--json', 'triggers', 'revoke', 'new-checkout', id, '-e', 'production', '--dry-run']);
    expect(revoke.json).toMatchObject({ dryRun: true, request: { method: 'DELETE' } });
    expect(await triggers()).toEqual(before);

    const flag = await rampart(['triggers', 'list', 'new-chekout', '--env', 'production']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain("did you mean 'new-checkout'?");
    const environment = await rampart(['triggers', 'create', 'new-checkout', '--env', 'prod', '--name', 'y']);
    expect(environment.stderr).toContain("did you mean 'production'?");
  });
});
