import type { Snapshot } from '@rampart/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createSilentLogger } from '../base/logger.js';
import { cryptoRandom } from '../base/random.js';
import { bootstrap } from '../bootstrap.js';
import { createMemoryBus } from '../bus/memory-bus.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { AuditEntry, Store } from '../store/store.js';
import {
  createClient,
  createManualClock,
  createTestApp,
  type ManualClock,
  type TestApp,
} from '../test-support/test-app.js';
import { createReleaseScheduler, type ReleaseScheduler } from './scheduler.js';

const CONFIG = '/api/v1/flags/a/environments/production';
const RELEASE = `${CONFIG}/release`;
const START = Date.parse('2030-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();
const HOLD = 600;
const STEPS = [...[1, 5, 10, 50].map((percentage) => ({ percentage, holdSeconds: HOLD })), { percentage: 100 }];

/** The plan's own configuration changes, oldest first, as percentages of the first rule. */
async function stepsAudited(store: Store, planId: string): Promise<(number | undefined)[]> {
  const { entries } = await store.listAudit({ flag: 'a', limit: 500 });
  return entries
    .filter((entry) => entry.actor === `release:${planId}` && entry.action === 'config.ramped')
    .map(firstRulePercentage)
    .reverse();
}

function firstRulePercentage(entry: AuditEntry): number | undefined {
  const after = entry.after;
  if (typeof after !== 'object' || after === null || Array.isArray(after) || !Array.isArray(after.rules)) return;
  const [rule] = after.rules;
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return;
  const rollout = rule.rollout;
  if (typeof rollout !== 'object' || rollout === null || Array.isArray(rollout)) return;
  return typeof rollout.percentage === 'number' ? rollout.percentage : undefined;
}

describe('the release scheduler', () => {
  let t: TestApp;
  let clock: ManualClock;
  let scheduler: ReleaseScheduler;
  let serverKey: string;
  beforeEach(async () => {
    clock = createManualClock(START);
    t = await createTestApp({ clock });
    scheduler = createReleaseScheduler({
      store: t.store,
      bus: t.bus,
      clock,
      logger: createSilentLogger(),
      random: cryptoRandom,
    });
    await t.post('/api/v1/flags', { key: 'a' });
    const key = await t.post('/api/v1/keys', { kind: 'server', environment: 'production', name: 'sdk' });
    serverKey = String(key.json.secret);
  });
  afterEach(async () => {
    await scheduler.stop();
    await t.close();
  });

  /** What an SDK gets for the flag: on or off, and the first rule's rollout. */
  async function sdkView(): Promise<{ enabled: boolean; percentage: number | undefined }> {
    await t.environments.resync();
    const response = await t.get('/api/v1/sdk/flags', serverKey);
    const snapshot = response.body as Snapshot;
    const flag = snapshot.flags.find((candidate) => candidate.key === 'a');
    return { enabled: flag?.enabled ?? false, percentage: flag?.rules?.[0]?.rollout.percentage };
  }

  const plan = async () => (await t.get(RELEASE)).json;

  it('takes a plan 1 → 5 → 10 → 50 → 100, each step audited and in the SDK snapshot', async () => {
    const created = await t.post(RELEASE, { steps: STEPS });
    const id = String(created.json.id);
    expect(await sdkView()).toEqual({ enabled: true, percentage: 1 });
    let previous = 1;
    for (const [index, percentage] of [5, 10, 50, 100].entries()) {
      clock.advance(HOLD - 1);
      expect(await scheduler.tick()).toBe(0);
      expect(await sdkView()).toEqual({ enabled: true, percentage: previous });
      clock.advance(1);
      expect(await scheduler.tick()).toBe(1);
      expect(await sdkView()).toEqual({ enabled: true, percentage });
      expect(await plan()).toMatchObject({ currentStep: index + 1 });
      previous = percentage;
    }
    expect(await plan()).toMatchObject({ status: 'completed', currentStep: 4, nextStepAt: null });
    clock.advance(HOLD * 10);
    expect(await scheduler.tick()).toBe(0);

    expect(await stepsAudited(t.store, id)).toEqual([1, 5, 10, 50, 100]);
    const { entries } = await t.store.listAudit({ flag: 'a', limit: 50 });
    expect(entries[0]).toMatchObject({ action: 'release.completed', actor: `release:${id}` });
    expect(entries[1]).toMatchObject({ action: 'config.ramped', reason: `release plan ${id}: step 5 of 5, 100 %` });
  });

  it("pauses at once when a person ramps the plan's rule, and leaves the rule alone until resumed", async () => {
    await t.post(RELEASE, { steps: STEPS });
    clock.advance(HOLD);
    await scheduler.tick();
    expect(await sdkView()).toMatchObject({ percentage: 5 });

    clock.advance(30);
    expect((await t.post(`${CONFIG}/ramp`, { percentage: 7 })).status).toBe(200);
    const paused = await plan();
    expect(paused).toMatchObject({ status: 'paused', nextStepAt: null, currentStep: 1 });
    expect(paused.pausedReason).toBe(
      "'admin' changed the configuration (config.ramped): the plan's rule '" + String(paused.ruleId) + "' was changed",
    );
    const [latest, ramp] = (await t.store.listAudit({ flag: 'a', limit: 2 })).entries;
    expect(latest).toMatchObject({ action: 'release.paused', actor: 'admin', reason: paused.pausedReason });
    expect(ramp).toMatchObject({ action: 'config.ramped', actor: 'admin' });

    clock.advance(HOLD * 10);
    expect(await scheduler.tick()).toBe(0);
    expect(await sdkView()).toMatchObject({ percentage: 7 });

    const resumed = (await t.post(`${RELEASE}/resume`)).json;
    expect(resumed).toMatchObject({ status: 'running', nextStepAt: at(HOLD + 30 + HOLD * 10 + HOLD) });
    clock.advance(HOLD);
    expect(await scheduler.tick()).toBe(1);
    expect(await sdkView()).toMatchObject({ percentage: 10 });
  });

  it('pauses when a person kills the flag, not when they change another rule', async () => {
    await t.post(RELEASE, { steps: STEPS });
    const config = (await t.get(CONFIG)).json;
    const staff = {
      id: 'staff',
      conditions: [{ attribute: 'plan', operator: 'in', values: ['staff'] }],
      rollout: { percentage: 100 },
    };
    const rules = [staff, ...(config.rules as unknown[])];
    expect((await t.put(CONFIG, { enabled: true, rules }, { 'if-match': `"${String(config.version)}"` })).status).toBe(
      200,
    );
    expect(await plan()).toMatchObject({ status: 'running' });

    await t.post(`${CONFIG}/kill`, { reason: 'incident' });
    expect(await plan()).toMatchObject({
      status: 'paused',
      pausedReason: "'admin' changed the configuration (config.killed): the flag was turned off",
    });
    // Resumed while off, the plan goes on ramping without turning the flag back on: only a person does that.
    await t.post(`${RELEASE}/resume`);
    clock.advance(HOLD);
    expect(await scheduler.tick()).toBe(1);
    expect((await t.get(CONFIG)).json).toMatchObject({
      enabled: false,
      rules: [staff, { rollout: { percentage: 5 } }],
    });
  });

  it('pauses when a person kills the flag in every environment at once', async () => {
    await t.post(RELEASE, { steps: STEPS });
    expect((await t.post('/api/v1/flags/a/kill')).status).toBe(200);
    expect(await plan()).toMatchObject({
      status: 'paused',
      pausedReason: "'admin' changed the configuration (config.killed): the flag was turned off",
    });
  });

  it('pauses a scheduled plan too when a person changes what it controls first', async () => {
    await t.post(RELEASE, { steps: [{ percentage: 100 }], startAt: at(3600) });
    await t.post(`${CONFIG}/revive`);
    expect(await plan()).toMatchObject({
      status: 'paused',
      pausedReason: expect.stringContaining('the flag was turned on'),
    });
    clock.advance(7200);
    expect(await scheduler.tick()).toBe(0);
  });

  it('applies a scheduled change once, at its time', async () => {
    await t.post(RELEASE, { steps: [{ percentage: 100 }], startAt: '2030-01-01T09:00:00+01:00' });
    clock.advance(3600 * 8 - 1);
    expect(await scheduler.tick()).toBe(0);
    expect(await sdkView()).toEqual({ enabled: false, percentage: undefined });
    clock.advance(1);
    expect(await scheduler.tick()).toBe(1);
    expect(await sdkView()).toEqual({ enabled: true, percentage: 100 });
    expect(await plan()).toMatchObject({ status: 'completed', steps: [{ percentage: 100, appliedAt: at(3600 * 8) }] });
    expect(await scheduler.tick()).toBe(0);
  });

  it('after an outage, applies only the next overdue step and holds it again from then', async () => {
    await t.post(RELEASE, { steps: STEPS });
    clock.advance(HOLD * 10);
    expect(await scheduler.tick()).toBe(1);
    expect(await sdkView()).toMatchObject({ percentage: 5 });
    expect(await plan()).toMatchObject({ currentStep: 1, nextStepAt: at(HOLD * 10 + HOLD) });
    expect(await scheduler.tick()).toBe(0);
    expect(await sdkView()).toMatchObject({ percentage: 5 });
  });

  it('pauses, saying why, when a step cannot be applied or the configuration changed behind its back', async () => {
    await t.post(RELEASE, { steps: STEPS });
    await t.patch('/api/v1/flags/a', { archived: true });
    clock.advance(HOLD);
    expect(await scheduler.tick()).toBe(0);
    expect(await plan()).toMatchObject({ status: 'paused', pausedReason: expect.stringContaining('archived') });

    await t.patch('/api/v1/flags/a', { archived: false });
    await t.post(`${RELEASE}/resume`);
    const current = await t.store.getFlagConfig('a', 'production');
    if (current === undefined) throw new Error('no configuration');
    await t.store.transaction((tx) => tx.putFlagConfig({ ...current, enabled: false, version: current.version + 1 }));
    clock.advance(HOLD);
    expect(await scheduler.tick()).toBe(0);
    expect(await plan()).toMatchObject({
      status: 'paused',
      pausedReason: 'the flag was turned off outside the plan',
    });
  });
});

describe('the release scheduler across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-release-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('goes on mid-plan in a new app over the same database', async () => {
    const filename = join(dir, 'restart.db');
    const clock = createManualClock(START);
    const start = (store: Store) => {
      const deps = { store, bus: createMemoryBus(), clock, logger: createSilentLogger(), random: cryptoRandom };
      return { deps, app: createApp(deps), scheduler: createReleaseScheduler(deps) };
    };
    const first = start(createSqliteStore({ filename }));
    const { adminKey } = await bootstrap(first.deps);
    if (adminKey.source !== 'generated') throw new Error('expected a generated admin key');
    const before = createClient(first.app, adminKey.secret);
    await before.post('/api/v1/flags', { key: 'a' });
    const id = String((await before.post(RELEASE, { steps: STEPS })).json.id);
    clock.advance(HOLD);
    expect(await first.scheduler.tick()).toBe(1);
    await first.scheduler.stop();
    await first.deps.store.close();

    clock.advance(HOLD * 3);
    const second = start(createSqliteStore({ filename }));
    const after = createClient(second.app, adminKey.secret);
    expect((await after.get(RELEASE)).json).toMatchObject({ id, status: 'running', currentStep: 1 });
    const ticks: number[] = [];
    for (let i = 0; i < 4; i++) {
      ticks.push(await second.scheduler.tick());
      clock.advance(HOLD);
    }
    expect(ticks).toEqual([1, 1, 1, 0]);
    expect((await after.get(RELEASE)).json).toMatchObject({ id, status: 'completed', currentStep: 4 });
    expect(await stepsAudited(second.deps.store, id)).toEqual([1, 5, 10, 50, 100]);
    await second.deps.store.close();
  });
});
