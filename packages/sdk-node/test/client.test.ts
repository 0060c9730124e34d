import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ClientEvents, type RampartClient } from '../src/index.js';
import { startRampart, type RampartServer } from './support/rampart-server.js';
import { waitFor } from './support/wait.js';

let server: RampartServer;
let sdkKey: string;
const clients: RampartClient[] = [];

/**
 * A client on the test server that reconnects quickly. Its waits are generous: the machine may
 * be busy with every other package's tests, and a wait that is met returns at once.
 */
function client(options: Partial<Parameters<typeof createClient>[0]> = {}): RampartClient {
  const created = createClient({
    url: server.url,
    sdkKey,
    timeoutMs: 10_000,
    initialReconnectDelayMs: 50,
    maxReconnectDelayMs: 200,
    pollIntervalMs: 100,
    ...options,
  });
  clients.push(created);
  return created;
}

function record<K extends keyof ClientEvents>(target: RampartClient, name: K): ClientEvents[K][] {
  const seen: ClientEvents[K][] = [];
  target.on(name, (payload) => seen.push(payload));
  return seen;
}

/** A flag on for everyone in production. */
async function releasedFlag(key: string): Promise<void> {
  await server.admin('POST', '/flags', { key });
  await server.admin('POST', `/flags/${key}/environments/production/ramp`, { percentage: 100, enable: true });
  await server.admin('POST', `/flags/${key}/environments/production/revive`, {});
}

/** A new flag of `type` with `config` in production. */
async function configuredFlag(key: string, type: string, config: Record<string, unknown>): Promise<void> {
  await server.admin('POST', '/flags', { key, type });
  await server.admin('PUT', `/flags/${key}/environments/production`, config, { 'if-match': '"1"' });
}

beforeAll(async () => {
  server = await startRampart();
  sdkKey = (await server.serverKey('production')).secret;
  await releasedFlag('new-checkout');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await server.dispose();
});

describe('createClient against a real server', () => {
  it('is ready within the timeout and answers from the server’s flags', async () => {
    const flags = client({ context: { appName: 'checkout' } });
    expect(flags.status).toBe('initializing');
    expect(await flags.ready()).toBe('ready');
    expect(flags.status).toBe('ready');
    expect(flags.isEnabled('new-checkout', { userId: '42' })).toBe(true);
    expect(flags.evaluate('new-checkout', { userId: '42' })).toMatchObject({ enabled: true, reason: 'STATIC' });
  });

  it('obeys a kill as soon as it is made, and a revival after it', async () => {
    await releasedFlag('kill-me');
    const flags = client();
    await flags.ready();
    const changes = record(flags, 'change');
    expect(flags.isEnabled('kill-me')).toBe(true);
    await server.admin('POST', '/flags/kill-me/environments/production/kill', { reason: 'test' });
    await waitFor('the kill to arrive', () => !flags.isEnabled('kill-me'), 10_000);
    expect(changes.at(-1)?.flags).toEqual(['kill-me']);
    await server.admin('POST', '/flags/kill-me/environments/production/revive', {});
    await waitFor('the revival to arrive', () => flags.isEnabled('kill-me'), 10_000);
  });

  it('answers defaults for unknown flags and reports each one once', async () => {
    const flags = client();
    await flags.ready();
    const errors = record(flags, 'error');
    for (let i = 0; i < 5; i++) {
      expect(flags.isEnabled('no-such-flag')).toBe(false);
      expect(flags.getValue('no-such-flag', {}, 'fallback')).toBe('fallback');
    }
    expect(flags.isEnabled('another-missing-flag')).toBe(false);
    expect(
      errors.map((e) => [e.code, e.message.includes('no-such-flag') || e.message.includes('another-missing-flag')]),
    ).toEqual([
      ['flag_not_found', true],
      ['flag_not_found', true],
    ]);
  });

  it('serves typed values and variants', async () => {
    await configuredFlag('max-items', 'number', {
      enabled: true,
      rules: [{ rollout: { percentage: 100 } }],
      variants: [{ key: 'twenty', value: 20, weight: 1 }],
    });
    const flags = client();
    await flags.ready();
    expect(flags.getValue('max-items', { userId: 'u' }, 10)).toBe(20);
    expect(flags.getValue('max-items', { userId: 'u' }, 'not a number')).toBe('not a number');
    expect(flags.getVariant('max-items', { userId: 'u' })).toEqual({
      key: 'twenty',
      value: 20,
      enabled: true,
      reason: 'STATIC',
    });
    expect(flags.getVariant('new-checkout', { userId: 'u' })).toBeNull();
  });

  it("serves the default variant's value where no rule matches, and the matching rule's elsewhere", async () => {
    await configuredFlag('page-size', 'number', {
      enabled: true,
      rules: [{ conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }], rollout: { percentage: 100 } }],
      variants: [
        { key: 'large', value: 50, weight: 1 },
        { key: 'standard', value: 20, weight: 0 },
      ],
      defaultVariant: 'standard',
    });
    const flags = client();
    await flags.ready();
    const free = { userId: 'u', plan: 'free' };
    const answers = (plan: string) => {
      const context = { userId: 'u', plan };
      return [flags.getValue('page-size', context, 10), flags.getVariant('page-size', context)];
    };
    expect(answers('free')).toEqual([20, { key: 'standard', value: 20, enabled: false, reason: 'DEFAULT' }]);
    expect(answers('pro')).toEqual([50, { key: 'large', value: 50, enabled: true, reason: 'TARGETING_MATCH' }]);
    expect(flags.isEnabled('page-size', free)).toBe(false);
    expect(flags.evaluate('page-size', free)).toMatchObject({ variant: 'standard', value: 20, reason: 'DEFAULT' });
    // A boolean flag that is off still answers the caller's default.
    await releasedFlag('switched-off');
    await server.admin('POST', '/flags/switched-off/environments/production/kill', {});
    await waitFor('the kill to arrive', () => !flags.isEnabled('switched-off'), 10_000);
    expect(flags.getValue('switched-off', free, true)).toBe(true);
  });

  it('answers through methods taken off the client, as applications pass them around', async () => {
    const flags = client();
    const { ready, isEnabled, getValue, getVariant, evaluate, on, close } = flags;
    expect(await ready()).toBe('ready');
    const errors: string[] = [];
    on('error', (error) => errors.push(error.code));
    expect(isEnabled('new-checkout', { userId: '7' })).toBe(true);
    expect(evaluate('new-checkout').enabled).toBe(true);
    expect(getValue('new-checkout', undefined, false)).toBe(true);
    expect(getVariant('new-checkout')).toBeNull();
    expect(isEnabled('unbound-missing')).toBe(false);
    expect(errors).toEqual(['flag_not_found']);
    await close();
    expect(flags.status).toBe('closed');
  });

  it('keeps answering through a server crash and ends with every change made while it was away', async () => {
    await releasedFlag('during-outage-a');
    await releasedFlag('during-outage-b');
    const flags = client();
    await flags.ready();
    let exceptions = 0;
    let answers = 0;
    const hammer = setInterval(() => {
      try {
        if (flags.isEnabled('during-outage-a', { userId: String(answers) })) answers++;
      } catch {
        exceptions++;
      }
    }, 1);
    await server.kill();
    await waitFor('the client to notice the outage', () => flags.status === 'degraded', 10_000);
    const answersWhileDown = answers;
    await waitFor('answers while the server is down', () => answers > answersWhileDown);
    await server.restart();
    // Changes the client has not seen: it must catch up on all of them.
    await server.admin('POST', '/flags/during-outage-a/environments/production/kill', {});
    await server.admin('POST', '/flags/during-outage-b/environments/production/ramp', { percentage: 0 });
    await releasedFlag('created-during-outage');
    await waitFor(
      'every change made while the client was away',
      () =>
        !flags.isEnabled('during-outage-a') &&
        !flags.isEnabled('during-outage-b', { userId: 'u' }) &&
        flags.isEnabled('created-during-outage'),
      10_000,
    );
    clearInterval(hammer);
    expect(exceptions).toBe(0);
    expect(flags.status).toBe('ready');
  });

  it('starts degraded with the server down, answers from its cache, and recovers when the server returns', async () => {
    const cachePath = join(mkdtempSync(join(tmpdir(), 'rampart-cache-')), 'flags.json');
    const first = client({ cachePath });
    await first.ready();
    await first.close();
    await server.kill();
    try {
      const flags = client({ cachePath, timeoutMs: 300 });
      expect(await flags.ready()).toBe('degraded');
      expect(flags.isEnabled('new-checkout', { userId: '1' })).toBe(true);
      const withoutCache = client({ timeoutMs: 300 });
      expect(await withoutCache.ready()).toBe('degraded');
      expect(withoutCache.isEnabled('new-checkout', { userId: '1' })).toBe(false);
      await server.restart();
      await waitFor('recovery', () => flags.status === 'ready' && withoutCache.status === 'ready', 10_000);
      expect(withoutCache.isEnabled('new-checkout', { userId: '1' })).toBe(true);
    } finally {
      await server.restart();
    }
  });

  // That it then sends no more requests is checked on a fake clock, in src/client.test.ts.
  it('stops on a revoked key with a status change and an unauthorized error', async () => {
    const key = await server.serverKey('production');
    const flags = client({ sdkKey: key.secret });
    await flags.ready();
    const errors = record(flags, 'error');
    const statuses = record(flags, 'status');
    await server.admin('DELETE', `/keys/${key.id}`);
    await waitFor('the rejection', () => errors.some((e) => e.code === 'unauthorized'), 30_000);
    expect(statuses.at(-1)).toEqual({ status: 'degraded', previous: 'ready' });
    expect(flags.isEnabled('new-checkout', { userId: '1' })).toBe(true);
  });
});
