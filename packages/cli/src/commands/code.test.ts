import { Ajv2020 } from 'ajv/dist/2020.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cliFor, type CliRunner } from '../../test-support/cli.js';
import { startServer, type RunningServer } from '../../test-support/server.js';

/** A small admin API client for setting the scene. */
function api(server: RunningServer) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
}

describe('flags as code: export, plan and apply against real servers', () => {
  let populated: RunningServer;
  let empty: RunningServer;
  let fromPopulated: CliRunner;
  let toEmpty: CliRunner;
  let directory: string;
  let file: string;
  beforeAll(async () => {
    [populated, empty] = await Promise.all([startServer(), startServer()]);
    fromPopulated = cliFor(populated.url, populated.adminToken);
    toEmpty = cliFor(empty.url, empty.adminToken);
    directory = mkdtempSync(join(tmpdir(), 'rampart-code-'));
    file = join(directory, 'rampart.yaml');
    const call = api(populated);
    await call('POST', '/environments', { key: 'staging', name: 'Staging' });
    await call('POST', '/segments', {
      key: 'beta',
      name: 'Beta testers',
      conditions: [{ attribute: 'email', operator: 'str_ends_with', values: ['@example.com'], caseInsensitive: true }],
    });
    await call('POST', '/flags', {
      key: 'new-checkout',
      tags: ['checkout'],
      owner: 'payments',
      description: 'One-page checkout',
    });
    await call(
      'PUT',
      '/flags/new-checkout/environments/production',
      {
        enabled: true,
        rules: [
          { name: 'beta', segments: ['beta'], rollout: { percentage: 100 } },
          {
            name: 'pro',
            conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }],
            rollout: { percentage: 25.5, bucketBy: ['userId'] },
          },
          { rollout: { percentage: 5 } },
        ],
      },
      { 'if-match': '"1"' },
    );
    await call('POST', '/flags', { key: 'checkout-copy', type: 'string', temporary: false });
    await call(
      'PUT',
      '/flags/checkout-copy/environments/staging',
      {
        enabled: true,
        variants: [
          { key: 'short', value: 'Pay', weight: 1 },
          { key: 'long', value: 'Pay now', weight: 1 },
        ],
        defaultVariant: 'short',
        prerequisites: [{ flag: 'new-checkout' }],
        rules: [{ rollout: { percentage: 100 } }],
      },
      { 'if-match': '"1"' },
    );
    await call('POST', '/flags', { key: 'old-banner' });
    await call('DELETE', '/flags/old-banner');
  });
  afterAll(() => Promise.all([populated.stop(), empty.stop()]));

  const configOf = async (server: RunningServer, flag: string, env: string) =>
    api(server)('GET', `/flags/${flag}/environments/${env}`);

  it('round trip: export a populated server, apply to an empty one, and plan shows no change', async () => {
    const exported = await fromPopulated(['export', '-o', file]);
    expect(exported.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=rampart.schema.json');
    expect(parse(text)).toMatchObject({
      version: 1,
      environments: [{ key: 'development' }, { key: 'production' }, { key: 'staging', name: 'Staging' }],
      segments: [{ key: 'beta', name: 'Beta testers' }],
      flags: [{ key: 'checkout-copy', type: 'string' }, { key: 'new-checkout' }, { key: 'old-banner', archived: true }],
    });
    expect(text).not.toMatch(/\bid:/); // rule ids are the server's, not the file's
    expect((await fromPopulated(['plan', '-f', file])).code).toBe(0);

    const applied = await toEmpty(['apply', '-f', file]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^Applied \d+ changes in one transaction\.$/m);
    const plan = await toEmpty(['plan', '-f', file]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes: the server matches the file.');
    // The empty server now exports the same file, byte for byte.
    const again = await toEmpty(['export']);
    expect(again.stdout).toBe(text);
  });

  it('a change made through the API shows in plan (exit 2); apply restores it', async () => {
    const call = api(empty);
    await call('POST', '/flags/new-checkout/environments/production/ramp', { percentage: 30 });
    await call('PATCH', '/flags/new-checkout', { owner: 'growth' });
    const plan = await toEmpty(['plan', '-f', file]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('~ flag new-checkout');
    expect(plan.stdout).toContain('owner: "growth" → "payments"');
    expect(plan.stdout).toMatch(/~ new-checkout in production \(version \d+\)/);
    expect(plan.stdout).toContain('rules[2].rollout.percentage: 30 → 5');
    expect(plan.stdout).toContain('Plan: 0 to create, 2 to update.');
    const json = await toEmpty(['--json', 'plan', '-f', file]);
    expect(json.code).toBe(2);
    expect(json.json).toMatchObject({
      pending: true,
      summary: { create: 0, update: 2 },
      changes: [
        { action: 'update', subject: 'flag new-checkout', change: { kind: 'flag.update', key: 'new-checkout' } },
        {
          action: 'update',
          change: { kind: 'config.replace', flag: 'new-checkout', environment: 'production' },
          differences: [{ path: 'rules[2].rollout.percentage', before: 30, after: 5 }],
        },
      ],
      unmanaged: { flags: [], segments: [] },
    });
    const ruleIds = ((await configOf(empty, 'new-checkout', 'production')).rules as { id: string }[]).map((r) => r.id);
    const applied = await toEmpty(['--json', 'apply', '-f', file, '--reason', 'back to git']);
    expect(applied.code).toBe(0);
    expect(applied.json).toMatchObject({ dryRun: false, changes: [{ outcome: 'updated' }, { outcome: 'updated' }] });
    expect((await toEmpty(['plan', '-f', file])).code).toBe(0);
    // Rules keep their ids, so ramps and release plans that name them go on working.
    const after = await configOf(empty, 'new-checkout', 'production');
    expect((after.rules as { id: string }[]).map((r) => r.id)).toEqual(ruleIds);
  });

  it('a concurrent edit between plan and apply fails cleanly and applies nothing', async () => {
    const edited = readFileSync(file, 'utf8')
      .replace('owner: payments', 'owner: platform')
      .replace('percentage: 25.5', 'percentage: 50');
    const changed = join(directory, 'changed.yaml');
    writeFileSync(changed, edited);
    const saved = join(directory, 'plan.json');
    const plan = await toEmpty(['plan', '-f', changed, '--out', saved]);
    expect(plan.code).toBe(2);
    const before = (await toEmpty(['export'])).stdout;
    // Someone ramps the flag after the plan was made.
    await api(empty)('POST', '/flags/new-checkout/environments/production/ramp', { percentage: 6 });
    const during = (await toEmpty(['export'])).stdout;
    expect(during).not.toBe(before);
    const applied = await toEmpty(['apply', '--plan', saved]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('someone changed the server since the plan, so nothing was applied');
    expect(applied.stderr).toContain('plan again');
    // Not even the flag's owner, which nobody touched, changed.
    expect((await toEmpty(['export'])).stdout).toBe(during);
  });

  it('a rollout left to people survives apply', async () => {
    const call = api(empty);
    const owned = join(directory, 'owned.yaml');
    writeFileSync(owned, `leaveToPeople: [rollout]\n${readFileSync(file, 'utf8').replace(/^# .*\n/, '')}`);
    expect((await toEmpty(['apply', '-f', owned])).code).toBe(0);
    // A product manager ramps in the UI.
    await call('POST', '/flags/new-checkout/environments/production/ramp', { percentage: 40 });
    expect((await toEmpty(['plan', '-f', owned])).code).toBe(0);
    // The next change in git, to the description, leaves the ramp alone.
    writeFileSync(owned, readFileSync(owned, 'utf8').replace('One-page checkout', 'One-page checkout, v2'));
    const applied = await toEmpty(['apply', '-f', owned]);
    expect(applied.code).toBe(0);
    const config = await configOf(empty, 'new-checkout', 'production');
    expect((config.rules as { rollout: { percentage: number } }[])[2]?.rollout.percentage).toBe(40);
    expect((await call('GET', '/flags/new-checkout')).description).toBe('One-page checkout, v2');
  });

  it("keeps a person's ramp on its own rule when the file adds a rule above it", async () => {
    const server = await startServer();
    try {
      const rampart = cliFor(server.url, server.adminToken);
      const call = api(server);
      await call('POST', '/segments', { key: 'staff', conditions: [] });
      const owned = join(directory, 'matching.yaml');
      const everyoneOnly =
        'version: 1\nleaveToPeople: [rollout]\nflags:\n  - key: m\n    environments:\n      development:\n        enabled: true\n        rules:\n          - rollout: {}\n';
      writeFileSync(owned, everyoneOnly);
      expect((await rampart(['apply', '-f', owned])).code).toBe(0);
      await call('POST', '/flags/m/environments/development/ramp', { percentage: 35 });
      const [everyone] = (await configOf(server, 'm', 'development')).rules as { id: string }[];
      writeFileSync(
        owned,
        everyoneOnly.replace(
          '          - rollout: {}\n',
          '          - name: staff\n            segments: [staff]\n            rollout: { percentage: 100 }\n          - rollout: {}\n',
        ),
      );
      const plan = await rampart(['plan', '-f', owned]);
      expect(plan.code).toBe(2);
      // One new rule above; the person's 35 % stays with the rule they ramped, which moves down.
      expect(plan.stdout).toContain('rules[0]: {"name":"staff","segments":["staff"],"rollout":{"percentage":100}}');
      expect(plan.stdout).toContain('rules[1]: "rule 1" → "rule 2"');
      expect(plan.stdout).not.toMatch(/35 →/);
      expect((await rampart(['apply', '-f', owned])).code).toBe(0);
      const rules = (await configOf(server, 'm', 'development')).rules as {
        id: string;
        name?: string;
        rollout: { percentage: number };
      }[];
      expect(rules.map((rule) => [rule.name, rule.rollout.percentage])).toEqual([
        ['staff', 100],
        [undefined, 35],
      ]);
      expect(rules[1]?.id).toBe(everyone?.id);
    } finally {
      await server.stop();
    }
  });

  it('archives a flag while changing its other fields, configures a new environment, and changes a type with its values', async () => {
    const server = await startServer();
    try {
      const rampart = cliFor(server.url, server.adminToken);
      const call = api(server);
      await call('POST', '/flags', { key: 'banner', type: 'string' });
      await call(
        'PUT',
        '/flags/banner/environments/development',
        { enabled: true, variants: [{ key: 'a', value: 'x', weight: 1 }], rules: [{ rollout: { percentage: 100 } }] },
        { 'if-match': '"1"' },
      );
      await call('POST', '/flags', { key: 'apple' });
      const first = join(directory, 'first.yaml');
      writeFileSync(
        first,
        [
          'version: 1',
          'environments: [{ key: qa }]',
          'flags:',
          '  - key: apple',
          '    environments:',
          '      qa: { enabled: true, rules: [{ rollout: { percentage: 50 } }] }',
          '  - key: banner',
          '    type: number',
          '    environments:',
          '      development: { enabled: true, variants: [{ key: a, value: 1, weight: 1 }], rules: [{ rollout: { percentage: 100 } }] }',
          '',
        ].join('\n'),
      );
      const applied = await rampart(['apply', '-f', first]);
      expect(applied.stderr).toBe('');
      expect((await configOf(server, 'apple', 'qa')).enabled).toBe(true);
      expect((await call('GET', '/flags/banner')).type).toBe('number');
      writeFileSync(
        first,
        readFileSync(first, 'utf8').replace(
          '  - key: banner\n    type: number\n',
          '  - key: banner\n    type: number\n    description: retired\n    archived: true\n',
        ),
      );
      const archived = await rampart(['apply', '-f', first]);
      expect(archived.stderr).toBe('');
      expect(await call('GET', '/flags/banner')).toMatchObject({ archived: true, description: 'retired' });
      expect((await rampart(['plan', '-f', first])).code).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('refuses two rules of one configuration with the same name, with their line', async () => {
    const twice = join(directory, 'twice.yaml');
    writeFileSync(
      twice,
      'version: 1\nflags:\n  - key: a\n    environments:\n      production:\n        rules:\n          - name: beta\n            rollout: { percentage: 1 }\n          - name: beta\n            rollout: { percentage: 2 }\n',
    );
    const plan = await toEmpty(['plan', '-f', twice]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      `${twice}:9: flags.0.environments.production.rules.1.name: another rule here is named 'beta'`,
    );
  });

  it('--dry-run prints the change set request and applies nothing', async () => {
    const changed = join(directory, 'dry.yaml');
    writeFileSync(changed, readFileSync(file, 'utf8').replace('Beta testers', 'Beta people'));
    const before = (await toEmpty(['export'])).stdout;
    const dry = await toEmpty(['apply', '-f', changed, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`POST ${empty.url}/api/v1/change-sets`);
    expect(dry.stdout).toContain('"kind":"segment.replace"');
    expect((await toEmpty(['export'])).stdout).toBe(before);
  });

  it('reports a wrong file with its line, and exits 1', async () => {
    const wrong = join(directory, 'wrong.yaml');
    writeFileSync(wrong, 'version: 1\nflags:\n  - key: a\n    enviroments: {}\n  - key: b\n    type: text\n');
    const plan = await toEmpty(['plan', '-f', wrong]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`${wrong}:3: flags.0: Unrecognized key: "enviroments"`);
    expect(plan.stderr).toContain(`${wrong}:6: flags.1.type: Invalid option`);
    const missing = await toEmpty(['plan', '-f', join(directory, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('rampart export > rampart.yaml');
  });

  it('publishes a JSON Schema that accepts an exported file and refuses a misspelled field', async () => {
    const schema = JSON.parse((await toEmpty(['schema'])).stdout) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(parse(readFileSync(file, 'utf8')))).toBe(true);
    expect(validate({ version: 1, flags: [{ key: 'a', enviroments: {} }] })).toBe(false);
    const packaged = JSON.parse(readFileSync(new URL('../../dist/rampart.schema.json', import.meta.url), 'utf8'));
    expect(packaged).toEqual(schema);
  });
});
