import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFor, type CliRunner } from '../../test-support/cli.js';
import { startServer, type RunningServer } from '../../test-support/server.js';

describe('login, flags, kill, revive and ramp against a real server', () => {
  let server: RunningServer;
  let rampart: CliRunner;
  beforeAll(async () => {
    server = await startServer();
    rampart = cliFor(server.url, server.adminToken);
    for (const key of ['new-checkout', 'new-search', 'dark-mode']) {
      const res = await fetch(`${server.url}/api/v1/flags`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key, tags: key === 'dark-mode' ? ['ui'] : ['checkout'] }),
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => server.stop());

  it('login checks the token, keeps it readable by its owner only, and later commands use it', async () => {
    const fresh = cliFor(undefined, undefined);
    const refused = await fresh(['login', '--url', server.url], { input: 'rpa_wrong\n' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('rampart login');
    const ok = await fresh(['login', '--url', `${server.url}/`, '--profile', 'local'], {
      input: `${server.adminToken}\n`,
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("kept as profile 'local'");
    expect(statSync(fresh.configPath).mode & 0o777).toBe(0o600);
    const listed = await fresh(['--json', 'flags', 'list']);
    expect(listed.code).toBe(0);
    expect((listed.json as { flags: { key: string }[] }).flags.map((f) => f.key)).toContain('new-checkout');
    const profiles = await fresh(['--json', 'profiles']);
    expect(profiles.json).toEqual({ profiles: [{ name: 'local', url: server.url, current: true }] });
    expect(profiles.stdout).not.toContain(server.adminToken);
    const missing = await fresh(['flags', 'list', '--profile', 'prod']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("there is no profile 'prod'");
    const out = await fresh(['--json', 'logout']);
    expect(out.json).toEqual({ removed: 'local' });
    const after = await fresh(['flags', 'list']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('run `rampart login --url <url>`, or set RAMPART_URL and RAMPART_TOKEN');
  });

  it("never sends a profile's token to another server named by RAMPART_URL", async () => {
    const fresh = cliFor(undefined, undefined);
    await fresh(['login', '--url', server.url], { input: `${server.adminToken}\n` });
    const elsewhere = await fresh(['flags', 'list'], { env: { RAMPART_URL: 'http://127.0.0.1:1' } });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(
      `RAMPART_URL names http://127.0.0.1:1, but profile 'default' is for ${server.url}`,
    );
    // The same server, with a trailing slash, is the same server.
    expect((await fresh(['flags', 'list'], { env: { RAMPART_URL: `${server.url}/` } })).code).toBe(0);
    // Forgetting the current profile leaves none current.
    await fresh(['logout']);
    expect((await fresh(['flags', 'list'])).stderr).toContain('no server to talk to');
  });

  it('RAMPART_URL and RAMPART_TOKEN override the profile', async () => {
    const fresh = cliFor(undefined, undefined);
    await fresh(['login', '--url', 'http://127.0.0.1:1'], { input: `${server.adminToken}\n` });
    const overridden = await fresh(['--json', 'flags', 'list'], {
      env: { RAMPART_URL: server.url, RAMPART_TOKEN: server.adminToken },
    });
    expect(overridden.code).toBe(0);
  });

  it('flags list shows a column per environment; --json gives the API answer', async () => {
    const table = await rampart(['flags', 'list', '--tag', 'checkout']);
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^FLAG\s+development\s+production$/);
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(['new-checkout', 'new-search']);
    const json = await rampart(['--json', 'flags', 'list', '--env', 'production']);
    const flags = (json.json as { flags: { key: string; environments: Record<string, unknown> }[] }).flags;
    expect(flags).toHaveLength(3);
    expect(Object.keys(flags[0]?.environments ?? {})).toEqual(['production']);
  });

  it('a misspelled flag or environment suggests the nearest keys', async () => {
    const flag = await rampart(['kill', 'new-chekout', '--env', 'production']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain("there is no flag 'new-chekout'");
    expect(flag.stderr).toContain("did you mean 'new-checkout'?");
    const environment = await rampart(['flags', 'get', 'new-checkout', '--json']);
    expect(environment.code).toBe(0);
    const env = await rampart(['kill', 'new-checkout', '--env', 'prod']);
    expect(env.stderr).toContain("there is no environment 'prod'");
    expect(env.stderr).toContain("did you mean 'production'?");
  });

  it('ramp, kill and revive change the flag and say so; --json gives the configuration', async () => {
    const ramped = await rampart(['--json', 'ramp', 'new-checkout', '5', '--env', 'production', '--enable']);
    expect(ramped.code).toBe(0);
    expect(ramped.json).toMatchObject({ enabled: true, rules: [{ rollout: { percentage: 5 } }] });
    const killed = await rampart(['kill', 'new-checkout', '--env', 'production', '--reason', 'errors up']);
    expect(killed.code).toBe(0);
    expect(killed.stdout).toMatch(/^new-checkout killed in production/);
    const audit = await fetch(`${server.url}/api/v1/audit?flag=new-checkout&limit=1`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(((await audit.json()) as { entries: unknown[] }).entries[0]).toMatchObject({
      action: 'config.killed',
      reason: 'errors up',
    });
    const everywhere = await rampart(['--json', 'revive', 'new-checkout', '--all-envs']);
    expect(everywhere.code).toBe(0);
    expect((everywhere.json as { configs: { enabled: boolean }[] }).configs.every((c) => c.enabled)).toBe(true);
    const got = await rampart(['flags', 'get', 'new-checkout']);
    expect(got.stdout).toMatch(/production: on/);
    expect(got.stdout).toContain('everyone at 5 %');
  });

  it('--dry-run prints the exact request, hides the token and changes nothing', async () => {
    const before = await rampart(['--json', 'flags', 'get', 'dark-mode']);
    const dry = await rampart(['kill', 'dark-mode', '--env', 'production', '--reason', 'test', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`POST ${server.url}/api/v1/flags/dark-mode/environments/production/kill`);
    expect(dry.stdout).toContain('authorization: Bearer rpa_…');
    expect(dry.stdout).toContain('{"reason":"test"}');
    expect(dry.stdout).not.toContain(server.adminToken);
    const json = await rampart(['--json', 'ramp', 'dark-mode', '10', '--env', 'production', '--dry-run']);
    expect(json.json).toMatchObject({ dryRun: true, request: { method: 'POST', body: { percentage: 10 } } });
    const after = await rampart(['--json', 'flags', 'get', 'dark-mode']);
    expect(after.json).toEqual(before.json);
  });

  it('usage errors exit 64; a missing --env says what to write', async () => {
    expect((await rampart(['ramp', 'dark-mode', '101', '--env', 'production'])).code).toBe(64);
    expect((await rampart(['frobnicate'])).code).toBe(64);
    const where = await rampart(['kill', 'dark-mode']);
    expect(where.code).toBe(64);
    expect(where.stderr).toContain('--env <environment>, or --all-envs');
  });

  it('an unreachable server is reported with what to check, as JSON with --json', async () => {
    const nowhere = await rampart(['--json', 'flags', 'list'], { env: { RAMPART_URL: 'http://127.0.0.1:1' } });
    expect(nowhere.code).toBe(1);
    expect(JSON.parse(nowhere.stderr)).toMatchObject({ error: { code: 'unreachable' } });
  });
});
