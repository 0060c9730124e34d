import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, type AdminApi } from '../../test-support/api.js';
import { cliFor, type CliRunner } from '../../test-support/cli.js';
import { startServer, type RunningServer } from '../../test-support/server.js';

interface Result {
  enabled: boolean;
  variant: string | null;
  value?: unknown;
  reason: string;
}

describe('eval against a real server', () => {
  let server: RunningServer;
  let rampart: CliRunner;
  let api: AdminApi;
  let clientKey: string;

  const configure = async (key: string, environment: string, config: Record<string, unknown>) => {
    const path = `/api/v1/flags/${key}/environments/${environment}`;
    const current = (await api('GET', `/api/v1/flags/${key}`)).json as {
      environments: Record<string, { version: number }>;
    };
    const version = current.environments[environment]?.version;
    const answer = await api('PUT', path, config, { 'if-match': `"${version}"` });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  };

  beforeAll(async () => {
    server = await startServer();
    rampart = cliFor(server.url, server.adminToken);
    api = adminApi(server);
    const segment = {
      key: 'staff',
      conditions: [{ attribute: 'email', operator: 'str_ends_with', values: ['@example.com'] }],
    };
    expect((await api('POST', '/api/v1/segments', segment)).status).toBe(201);
    for (const flag of [
      { key: 'checkout-api', clientSide: true },
      { key: 'new-checkout', clientSide: true },
      { key: 'theme', type: 'string', clientSide: true },
      { key: 'old-flag' },
    ]) {
      expect((await api('POST', '/api/v1/flags', flag)).status).toBe(201);
    }
    await configure('checkout-api', 'production', { enabled: true, rules: [{ rollout: { percentage: 100 } }] });
    await configure('new-checkout', 'production', {
      enabled: true,
      prerequisites: [{ flag: 'checkout-api' }],
      rules: [
        { name: 'staff', segments: ['staff'], rollout: { percentage: 100 } },
        {
          name: 'pro',
          conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }],
          rollout: { percentage: 100 },
        },
        { rollout: { percentage: 40 } },
      ],
    });
    await configure('theme', 'production', {
      enabled: true,
      variants: [
        { key: 'blue', value: 'blue', weight: 50 },
        { key: 'green', value: 'green', weight: 50 },
        { key: 'classic', value: 'classic', weight: 0 },
      ],
      defaultVariant: 'classic',
      rules: [{ conditions: [{ attribute: 'beta', operator: 'in', values: ['true'] }], rollout: { percentage: 60 } }],
    });
    expect((await api('DELETE', '/api/v1/flags/old-flag')).status).toBe(200);
    const created = await api('POST', '/api/v1/keys', { kind: 'client', environment: 'production', name: 'web' });
    clientKey = (created.json as { secret: string }).secret;
  });
  afterAll(() => server.stop());

  it('a flag that is on prints on, its variant, value, reason and rule, and exits 0', async () => {
    const on = await rampart(['eval', 'new-checkout', '--env', 'production', '-c', 'plan=pro', '-c', 'userId=42']);
    expect(on.code).toBe(0);
    const lines = on.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('new-checkout in production: on');
    expect(lines.slice(1)).toEqual([
      '  variant none',
      '  value   true',
      '  reason  TARGETING_MATCH',
      expect.stringMatching(/^ {2}rule {4}pro: plan in \[pro\] at 100 % \(rule \w+\)$/),
    ]);
  });

  it('--json prints the evaluation; a flag that is off exits 1', async () => {
    const on = await rampart([
      '--json',
      'eval',
      'new-checkout',
      '--env',
      'production',
      '--context',
      'email=a@example.com',
    ]);
    expect(on.code).toBe(0);
    expect(on.json).toEqual({
      flagKey: 'new-checkout',
      enabled: true,
      variant: null,
      value: true,
      reason: 'TARGETING_MATCH',
      ruleId: expect.any(String),
    });
    const off = await rampart(['--json', 'eval', 'new-checkout', '--env', 'development']);
    expect(off.code).toBe(1);
    expect(off.json).toEqual({
      flagKey: 'new-checkout',
      enabled: false,
      variant: null,
      value: false,
      reason: 'DISABLED',
    });
    const text = await rampart(['eval', 'theme', '--env', 'production', '-c', 'beta=false']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('theme in production: off');
    expect(text.stdout).toContain('  variant classic\n  value   "classic"\n  reason  DEFAULT\n  rule    none\n');
  });

  it('answers as the server answers browsers, for every context tried', async () => {
    // Contexts whose unit chain resolves, so that no answer is drawn at random.
    const contexts: Record<string, string>[] = [
      ...Array.from({ length: 4 }, (_, i) => ({ userId: String(1000 + i), beta: 'true' })),
      { userId: '7', plan: 'pro' },
      { email: 'b@example.com', sessionId: 's1' },
      { userId: '', sessionId: 's2', beta: 'true' },
    ];
    const compare = async (context: Record<string, string>, flag: string) => {
      const response = await fetch(`${server.url}/api/v1/client/evaluate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ context }),
      });
      const expected = ((await response.json()) as { flags: Record<string, Result> }).flags[flag];
      const pairs = Object.entries(context).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
      const evaluated = await rampart(['--json', 'eval', flag, '--env', 'production', ...pairs]);
      const { enabled, variant, value, reason } = evaluated.json as Result;
      expect({ flag, context, enabled, variant, value, reason }).toEqual({ flag, context, ...expected });
      expect(evaluated.code).toBe(enabled ? 0 : 1);
      return enabled;
    };
    const answers = await Promise.all(
      contexts.flatMap((context) => ['new-checkout', 'theme'].map((flag) => compare(context, flag))),
    );
    expect(answers).toContain(true);
    expect(answers).toContain(false);
  });

  it('follows prerequisites: a parent killed turns the flag off', async () => {
    await api('POST', '/api/v1/flags/checkout-api/environments/production/kill');
    const off = await rampart(['--json', 'eval', 'new-checkout', '--env', 'production', '-c', 'plan=pro']);
    expect(off.code).toBe(1);
    expect(off.json).toMatchObject({ enabled: false, reason: 'PREREQUISITE_FAILED' });
    await api('POST', '/api/v1/flags/checkout-api/environments/production/revive');
  });

  it('exits 3 when it cannot evaluate: unknown flag or environment (with suggestions), archived flag', async () => {
    const flag = await rampart(['eval', 'new-chekout', '--env', 'production']);
    expect(flag.code).toBe(3);
    expect(flag.stderr).toContain("error: there is no flag 'new-chekout'");
    expect(flag.stderr).toContain("did you mean 'new-checkout'?");
    const environment = await rampart(['eval', 'new-checkout', '--env', 'prod']);
    expect(environment.code).toBe(3);
    expect(environment.stderr).toContain("did you mean 'production'?");
    const archived = await rampart(['eval', 'old-flag', '--env', 'production']);
    expect(archived.code).toBe(3);
    expect(archived.stderr).toContain('old-flag is archived');
    const context = await rampart(['eval', 'new-checkout', '--env', 'production', '-c', 'plan']);
    expect(context.code).toBe(3);
    expect(context.stderr).toContain("--context: 'plan' is not key=value");
  });

  it('exits 3 when the server is unreachable or refuses the token', async () => {
    const nowhere = await rampart(['--json', 'eval', 'new-checkout', '--env', 'production'], {
      env: { RAMPART_URL: 'http://127.0.0.1:1' },
    });
    expect(nowhere.code).toBe(3);
    expect(JSON.parse(nowhere.stderr)).toMatchObject({ error: { code: 'unreachable', exitCode: 3 } });
    const refused = await rampart(['eval', 'new-checkout', '--env', 'production'], {
      env: { RAMPART_TOKEN: 'rpa_wrong' },
    });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('hint: the token was refused');
  });
});
