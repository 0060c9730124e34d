import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, type AdminApi } from '../../test-support/api.js';
import { cliFor, type CliRunner } from '../../test-support/cli.js';
import { startServer, type RunningServer } from '../../test-support/server.js';

interface Plan {
  status: string;
  currentStep: number | null;
  steps: { percentage: number; holdSeconds?: number; appliedAt?: string }[];
  nextStepAt: string | null;
  pausedReason: string | null;
  guard: { event: string; action: string } | null;
}

// Holds of a day: nothing advances by itself during the test, and `release advance` moves the plan.
describe('release plans against a real server', () => {
  let server: RunningServer;
  let rampart: CliRunner;
  let api: AdminApi;
  beforeAll(async () => {
    server = await startServer();
    rampart = cliFor(server.url, server.adminToken);
    api = adminApi(server);
    for (const key of ['new-checkout', 'new-search', 'guarded']) {
      expect((await api('POST', '/api/v1/flags', { key })).status).toBe(201);
    }
  });
  afterAll(() => server.stop());

  const plan = async (key: string) =>
    (await api('GET', `/api/v1/flags/${key}/environments/production/release`)).json as Plan;

  it('a flag without a plan says so and how to start one (exit 1)', async () => {
    const status = await rampart(['release', 'status', 'new-search', '--env', 'production']);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('error: new-search has no release plan in production');
    expect(status.stderr).toContain('hint: start one: rampart release start new-search --env production');
    const pause = await rampart(['release', 'pause', 'new-search', '--env', 'production']);
    expect(pause.code).toBe(1);
    expect(pause.stderr).toContain('has no release plan');
  });

  it('start builds the plan from --steps and --hold; --json gives the plan as the API does', async () => {
    const started = await rampart([
      '--json',
      ...['release', 'start', 'new-checkout', '--env', 'production', '--steps', '1,5,25,100', '--hold', '1d'],
    ]);
    expect(started.code).toBe(0);
    expect(started.json).toMatchObject({
      flag: 'new-checkout',
      environment: 'production',
      status: 'running',
      currentStep: 0,
      steps: [
        { percentage: 1, holdSeconds: 86_400 },
        { percentage: 5, holdSeconds: 86_400 },
        { percentage: 25, holdSeconds: 86_400 },
        { percentage: 100 },
      ],
    });
    expect((started.json as Plan).steps[3]).not.toHaveProperty('holdSeconds');
    expect(await plan('new-checkout')).toEqual(started.json);
  });

  it('status prints the steps as a timeline: applied with their time, the current one, the next one due', async () => {
    const status = await rampart(['release', 'status', 'new-checkout', '--env', 'production']);
    expect(status.code).toBe(0);
    const lines = status.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^new-checkout in production: running {2}\(plan \w+, rule [\w-]+\)$/);
    expect(lines[1]).toMatch(/^ {2}▶ 1 % +applied \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, holds 1d {3}← current$/);
    expect(lines[2]).toMatch(/^ {2}· 5 % +due \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(in (23h59m|1d)\)$/);
    expect(lines[3]).toBe('  · 25 %');
    expect(lines[4]).toBe('  · 100 %');
    const json = await rampart(['--json', 'release', 'status', 'new-checkout', '--env', 'production']);
    expect(json.json).toEqual(await plan('new-checkout'));
  });

  it('advance applies the next step now; pause gives its reason; resume and abort say so', async () => {
    const advanced = await rampart(['release', 'advance', 'new-checkout', '--env', 'production', '--reason', 'ok']);
    expect(advanced.code).toBe(0);
    expect(advanced.stdout).toMatch(/^Release plan advanced\n/);
    // Advanced early: it held as long as it was current, not the 1d planned.
    expect(advanced.stdout).toMatch(/✓ 1 % +applied .*, held \d+s\n/);
    expect(advanced.stdout).toMatch(/▶ 5 % +applied .*← current\n/);
    expect((await plan('new-checkout')).currentStep).toBe(1);

    const paused = await rampart([
      '--json',
      ...['release', 'pause', 'new-checkout', '--env', 'production', '--reason', 'errors up'],
    ]);
    expect(paused.json).toMatchObject({ status: 'paused', pausedReason: expect.stringMatching(/: errors up$/) });
    const status = await rampart(['release', 'status', 'new-checkout', '--env', 'production']);
    expect(status.stdout).toContain('new-checkout in production: paused');
    expect(status.stdout).toMatch(/\npaused: paused by '.+': errors up\n/);

    const refused = await rampart(['release', 'advance', 'new-checkout', '--env', 'production']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is paused; resume it before advancing it');

    const resumed = await rampart(['release', 'resume', 'new-checkout', '--env', 'production']);
    expect(resumed.stdout).toMatch(/^Release plan resumed\nnew-checkout in production: running/);
    const aborted = await rampart(['--json', 'release', 'abort', 'new-checkout', '--env', 'production']);
    expect(aborted.json).toMatchObject({ status: 'aborted', currentStep: 1 });
    const audit = await api('GET', '/api/v1/audit?flag=new-checkout&limit=50');
    const actions = (audit.json as { entries: { action: string }[] }).entries.map((e) => e.action);
    expect(actions.filter((action) => action.startsWith('release.')).slice(0, 4)).toEqual([
      'release.aborted',
      'release.resumed',
      'release.paused',
      'release.advanced',
    ]);
  });

  it('a guard is shown with its event, action and decision', async () => {
    const started = await rampart([
      ...['release', 'start', 'guarded', '--env', 'production', '--steps', '10,100', '--hold', '2h'],
      ...['--guard', 'checkout-error', '--guard-action', 'pause'],
    ]);
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^Release plan started: 10 → 100 %\n/);
    expect(started.stdout).toContain('guard: checkout-error (pause on harm, alpha 0.05): not measured yet');
    expect((await plan('guarded')).guard).toMatchObject({ event: 'checkout-error', action: 'pause' });
  });

  it('a bad duration or percentage names the option, and nothing is sent', async () => {
    const hold = await rampart([
      'release',
      'start',
      'new-search',
      '-e',
      'production',
      '--steps',
      '1,100',
      '--hold',
      '10',
    ]);
    expect(hold.code).toBe(1);
    expect(hold.stderr).toContain("error: --hold: '10' is not a duration");
    expect(hold.stderr).toContain('hint: e.g. --hold 90s, 10m, 2h or 1d');
    const steps = await rampart([
      'release',
      'start',
      'new-search',
      '-e',
      'production',
      '--steps',
      '1,150',
      '--hold',
      '1h',
    ]);
    expect(steps.code).toBe(1);
    expect(steps.stderr).toContain("error: --steps: '150' is not a whole percentage from 1 to 100");
    expect((await api('GET', '/api/v1/flags/new-search/environments/production/release')).status).toBe(404);
  });

  it('--dry-run prints the request and starts nothing; a misspelled flag suggests the nearest', async () => {
    const dry = await rampart([
      ...['release', 'start', 'new-search', '--env', 'production', '--steps', '1,100', '--hold', '90s'],
      '--dry-run',
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`POST ${server.url}/api/v1/flags/new-search/environments/production/release`);
    expect(dry.stdout).toContain('{"steps":[{"percentage":1,"holdSeconds":90},{"percentage":100}]}');
    for (const action of ['pause', 'resume', 'advance', 'abort']) {
      const dryJson = await rampart(['--json', 'release', action, 'guarded', '--env', 'production', '--dry-run']);
      expect(dryJson.json).toMatchObject({
        dryRun: true,
        request: {
          method: 'POST',
          url: `${server.url}/api/v1/flags/guarded/environments/production/release/${action}`,
        },
      });
    }
    const reason = await rampart(['release', 'abort', 'guarded', '-e', 'production', '--reason', 'why', '--dry-run']);
    expect(reason.stdout).toContain('{"reason":"why"}');
    expect((await api('GET', '/api/v1/flags/new-search/environments/production/release')).status).toBe(404);
    expect((await plan('guarded')).status).toBe('running');

    const misspelled = await rampart(['release', 'status', 'new-chekout', '--env', 'production']);
    expect(misspelled.code).toBe(1);
    expect(misspelled.stderr).toContain("there is no flag 'new-chekout'");
    expect(misspelled.stderr).toContain("did you mean 'new-checkout'?");
    const environment = await rampart(['release', 'advance', 'guarded', '--env', 'prod']);
    expect(environment.stderr).toContain("did you mean 'production'?");
  });
});
