import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, type AdminApi } from '../../test-support/api.js';
import { cliFor, type CliRunner } from '../../test-support/cli.js';
import { startCli, type CliProcess } from '../../test-support/cli-process.js';
import { startServer, type RunningServer } from '../../test-support/server.js';

interface Entry {
  id: string;
  actor: string;
  action: string;
  target: string;
  environment?: string;
  reason?: string;
}

const following = (line: string) => line.startsWith('following changes on ');
const parsed = (lines: readonly string[]) =>
  lines.filter((line) => line !== '').map((line) => JSON.parse(line) as Entry);

describe('audit and watch against a real server', () => {
  let server: RunningServer;
  let rampart: CliRunner;
  let api: AdminApi;
  beforeAll(async () => {
    server = await startServer();
    rampart = cliFor(server.url, server.adminToken);
    api = adminApi(server);
    for (const key of ['new-checkout', 'dark-mode']) {
      expect((await api('POST', '/api/v1/flags', { key })).status).toBe(201);
    }
    await api('POST', '/api/v1/flags/new-checkout/environments/production/revive', { reason: 'launch' });
    await api('POST', '/api/v1/flags/new-checkout/environments/production/kill', { reason: 'errors up' });
  });
  afterAll(() => server.stop());

  const entries = async (query = '') =>
    ((await api('GET', `/api/v1/audit${query}`)).json as { entries: Entry[] }).entries;

  it('audit prints a table newest first: when, who and how, action, target in its environment, reason', async () => {
    const table = await rampart(['audit']);
    expect(table.code).toBe(0);
    const [header, first, second] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^WHEN\s+WHO\s+ACTION\s+TARGET\s+REASON$/);
    expect(first).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}\S.* \(\w+\)\s+config\.killed\s+new-checkout in production\s+errors up$/,
    );
    expect(second).toMatch(/config\.revived\s+new-checkout in production\s+launch$/);
    const json = await rampart(['--json', 'audit', '--flag', 'new-checkout', '--env', 'production', '--limit', '1']);
    expect(json.json).toEqual({ entries: (await entries('?flag=new-checkout&environment=production')).slice(0, 1) });
  });

  it('audit says which filter matches nothing, and refuses a bad --limit', async () => {
    const flag = await rampart(['audit', '--flag', 'new-chekout']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain("did you mean 'new-checkout'?");
    const environment = await rampart(['audit', '--env', 'prod']);
    expect(environment.stderr).toContain("did you mean 'production'?");
    const limit = await rampart(['audit', '--limit', '0']);
    expect(limit.code).toBe(1);
    expect(limit.stderr).toContain("--limit: '0' is not a whole number from 1 to 500");
  });

  describe('following', () => {
    let running: CliProcess | undefined;
    const start = (args: string[]) => {
      running = startCli(server.url, server.adminToken, args);
      return running;
    };
    const stopped = async (signal?: NodeJS.Signals) => {
      const code = await running?.stop(signal);
      running = undefined;
      return code;
    };
    afterAll(() => stopped('SIGKILL'));

    it('audit --follow prints the page, then each new entry, a key creation too; SIGINT exits 0', async () => {
      const audit = start(['audit', '--follow', '--limit', '2']);
      await audit.waitForLine('stderr', following);
      expect(audit.lines.stdout.slice(0, 2)).toEqual([
        expect.stringMatching(/config\.revived {2}new-checkout in production — "launch"$/),
        expect.stringMatching(/config\.killed {2}new-checkout in production — "errors up"$/),
      ]);
      await api('POST', '/api/v1/flags/dark-mode/environments/production/revive', { reason: 'try it' });
      const key = await api('POST', '/api/v1/keys', { kind: 'server', environment: 'production', name: 'api' });
      const keyId = (key.json as { id: string }).id;
      await audit.waitForLine('stdout', (line) => line.includes('config.revived  dark-mode in production — "try it"'));
      const created = await audit.waitForLine('stdout', (line) => line.includes('key.created'));
      expect(created).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d {2}\\S.* {2}key\\.created {2}${keyId} in production$`));
      expect(await stopped('SIGINT')).toBe(0);
      expect(audit.lines.stdout.filter((line) => line.includes('key.created'))).toHaveLength(1);
    });

    it('audit --follow --json prints the page and what follows as NDJSON, oldest first', async () => {
      const audit = start(['--json', 'audit', '--follow', '--limit', '2']);
      await audit.waitForLine('stderr', following);
      const page = parsed(audit.lines.stdout);
      expect(page).toEqual((await entries('?limit=2')).reverse());
      await api('POST', '/api/v1/flags', { key: 'followed' });
      await audit.waitForLine('stdout', (line) => line.includes('"followed"'));
      expect(await stopped('SIGINT')).toBe(0);
      const all = parsed(audit.lines.stdout);
      expect(all.slice(2).map((entry) => [entry.action, entry.target])).toEqual([['flag.created', 'followed']]);
    });

    it('watch --json prints one entry per line (NDJSON), each once and in order; SIGTERM exits 0', async () => {
      const watch = start(['--json', 'watch']);
      await watch.waitForLine('stderr', following);
      expect(watch.lines.stdout).toEqual([]);
      await api('POST', '/api/v1/flags/dark-mode/environments/production/kill', { reason: 'too dark' });
      await api('POST', '/api/v1/keys', { kind: 'client', environment: 'development', name: 'web' });
      await api('POST', '/api/v1/flags', { key: 'search-v2' });
      await watch.waitForLine('stdout', (line) => line.includes('"flag.created"'));
      expect(await stopped('SIGTERM')).toBe(0);
      const seen = parsed(watch.lines.stdout);
      expect(seen.map((entry) => entry.action)).toEqual(['config.killed', 'key.created', 'flag.created']);
      expect(seen).toEqual((await entries('?limit=3')).reverse());
    });

    it('watch --flag prints one readable line per change to that flag only', async () => {
      const watch = start(['watch', '--flag', 'dark-mode', '--env', 'production']);
      await watch.waitForLine('stderr', (line) => line.includes(' for dark-mode in production (Ctrl-C to stop)'));
      await api('POST', '/api/v1/flags/new-checkout/environments/production/revive');
      await api('POST', '/api/v1/flags/dark-mode/environments/development/revive');
      await api('POST', '/api/v1/flags/dark-mode/environments/production/revive', { reason: 'fixed' });
      const line = await watch.waitForLine('stdout', (text) => text.includes('config.revived'));
      expect(line).toMatch(/^\d\d:\d\d:\d\d {2}\S.* \(\w+\) {2}config\.revived {2}dark-mode in production — "fixed"$/);
      expect(await stopped('SIGINT')).toBe(0);
      expect(watch.lines.stdout.filter((text) => text !== '')).toEqual([line]);
    });

    it('a refused token is reported at once, without retrying', async () => {
      const refused = await rampart(['watch'], { env: { RAMPART_TOKEN: 'rpa_wrong' } });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('hint: the token was refused');
    });
  });
});

describe('watch when the server restarts', () => {
  it('reconnects after the last entry it saw, missing nothing and repeating nothing', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'rampart-cli-restart-'));
    const env = { DATABASE_URL: `file:${join(directory, 'rampart.db')}` };
    let server = await startServer(env);
    const { adminToken } = server;
    const port = new URL(server.url).port;
    const watch = startCli(server.url, adminToken, ['--json', 'watch']);
    try {
      await watch.waitForLine('stderr', following);
      expect((await adminApi(server)('POST', '/api/v1/flags', { key: 'before-restart' })).status).toBe(201);
      await watch.waitForLine('stdout', (line) => line.includes('before-restart'));
      await server.stop();
      server = { ...(await startServer({ ...env, PORT: port, RAMPART_ADMIN_TOKEN: adminToken })), adminToken };
      // Made while the CLI waits to reconnect: it must come from the replay after the last id seen.
      expect((await adminApi(server)('POST', '/api/v1/flags', { key: 'after-restart' })).status).toBe(201);
      await watch.waitForLine('stdout', (line) => line.includes('after-restart'), 20_000);
      await watch.waitForLine('stderr', (line) => line.startsWith('connection lost ('));
      await watch.waitForLine('stderr', (line) => line === 'reconnected');
      expect(await watch.stop('SIGINT')).toBe(0);
      const targets = parsed(watch.lines.stdout).map((entry) => entry.target);
      expect(targets).toEqual(['before-restart', 'after-restart']);
    } finally {
      await watch.stop('SIGKILL');
      await server.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
