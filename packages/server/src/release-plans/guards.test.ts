import type { FlagGuard, Snapshot, SnapshotFlag } from '@rampart/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createSilentLogger } from '../base/logger.js';
import { cryptoRandom } from '../base/random.js';
import { bootstrap } from '../bootstrap.js';
import { createMemoryBus } from '../bus/memory-bus.js';
import { createDelivery } from '../delivery/index.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { AuditEntry } from '../store/store.js';
import { expectRejected } from '../test-support/expect-rejected.js';
import {
  createClient,
  createManualClock,
  createTestApp,
  type ManualClock,
  type TestApp,
  type TestClient,
} from '../test-support/test-app.js';
import { createGuardCollector, type GuardCollectorOptions } from './guard-collector.js';
import { createReleaseScheduler, type ReleaseScheduler } from './scheduler.js';
import { createGuardState, observe } from './sequential-test.js';
import { createSeededRandom } from '@rampart/core/testing';

const CONFIG = '/api/v1/flags/a/environments/production';
const RELEASE = `${CONFIG}/release`;
const COUNTS = '/api/v1/sdk/guard-counts';
const TRACK = '/api/v1/client/track';
const EVALUATE = '/api/v1/client/evaluate';
const START = Date.parse('2030-01-01T00:00:00.000Z');
const HOLD = 600;
const EVENT = 'checkout-error';

interface Arms {
  treatment: { exposures: number; events: number };
  control: { exposures: number; events: number };
}
const arms = (treatment: [number, number], control: [number, number]): Arms => ({
  treatment: { exposures: treatment[0], events: treatment[1] },
  control: { exposures: control[0], events: control[1] },
});

const binomial = (random: () => number, n: number, p: number) => {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
};

interface Setup {
  t: TestApp;
  clock: ManualClock;
  scheduler: ReleaseScheduler;
  sdk: TestClient;
  browser: TestClient;
  clientKeyId: string;
}

const running: Setup[] = [];
afterEach(async () => {
  for (const { t, scheduler } of running.splice(0)) {
    await scheduler.stop();
    await t.close();
  }
});

async function setUp(guards?: Omit<GuardCollectorOptions, 'clock' | 'delivery'>): Promise<Setup> {
  const clock = createManualClock(START);
  const t = await createTestApp({ clock, ...(guards === undefined ? {} : { guards }) });
  const scheduler = createReleaseScheduler({
    store: t.store,
    bus: t.bus,
    clock,
    logger: createSilentLogger(),
    random: cryptoRandom,
    guards: t.guards,
  });
  expect((await t.post('/api/v1/flags', { key: 'a', clientSide: true })).status).toBe(201);
  const server = await t.post('/api/v1/keys', { kind: 'server', environment: 'production', name: 'sdk' });
  const client = await t.post('/api/v1/keys', { kind: 'client', environment: 'production', name: 'web' });
  const setup = {
    t,
    clock,
    scheduler,
    sdk: createClient(t.app, String(server.json.secret)),
    browser: createClient(t.app, String(client.json.secret)),
    clientKeyId: String(client.json.id),
  };
  running.push(setup);
  return setup;
}

/** The flag as server SDKs get it now. */
async function sdkFlag({ t, sdk }: Setup, key = 'a'): Promise<SnapshotFlag & { version: number }> {
  await t.environments.resync();
  const snapshot = (await sdk.get('/api/v1/sdk/flags')).body as Snapshot;
  const flag = snapshot.flags.find((candidate) => candidate.key === key);
  if (flag === undefined) throw new Error(`no flag ${key}`);
  return { ...flag, version: snapshot.version };
}

async function currentGuard(setup: Setup): Promise<FlagGuard> {
  const { guard } = await sdkFlag(setup);
  if (guard === undefined) throw new Error('the flag carries no guard');
  return guard;
}

async function report(setup: Setup, batch: string, counts: Arms, flag = 'a') {
  const response = await setup.sdk.post(COUNTS, { counts: [{ flag, batch, ...counts }], dropped: 0 });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.json;
}

async function plan(setup: Setup): Promise<Record<string, unknown>> {
  return (await setup.t.get(RELEASE)).json;
}

async function audit(setup: Setup): Promise<AuditEntry[]> {
  return (await setup.t.store.listAudit({ flag: 'a', limit: 100 })).entries;
}

const guardOf = (view: Record<string, unknown>) => view.guard as { figures: Record<string, unknown> | null };

describe('POST /sdk/guard-counts', () => {
  it('refuses a malformed or implausible body with a 400 naming the field, and changes nothing', async () => {
    const setup = await setUp();
    await setup.t.post(RELEASE, {
      steps: [{ percentage: 10, holdSeconds: HOLD }, { percentage: 100 }],
      guard: { event: EVENT },
    });
    const { batch } = await currentGuard(setup);
    const entry = { flag: 'a', batch, ...arms([100, 5], [900, 9]) };
    const rejects = (body: unknown, path: string) =>
      expectRejected(setup.t, () => setup.sdk.post(COUNTS, body), { status: 400, code: 'validation_failed', path });

    await rejects({}, 'counts');
    await rejects({ counts: {} }, 'counts');
    for (const bad of [1.5, -1, 10_000_001, '5', null]) {
      await rejects(
        { counts: [{ ...entry, treatment: { exposures: bad, events: 0 } }] },
        'counts.0.treatment.exposures',
      );
      await rejects(
        { counts: [entry, { ...entry, control: { exposures: 5, events: bad } }] },
        'counts.1.control.events',
      );
    }
    for (const bad of [1.5, -1, 2 ** 53, '5', null]) await rejects({ counts: [entry], dropped: bad }, 'dropped');
    await rejects({ counts: [{ ...entry, treatment: { exposures: 1 } }] }, 'counts.0.treatment.events');
    await rejects({ counts: [{ ...entry, flag: '' }] }, 'counts.0.flag');
    await rejects({ counts: [{ ...entry, batch: 7 }] }, 'counts.0.batch');
    await rejects({ counts: [{ ...entry, weight: 2 }] }, 'counts.0.weight');
    await rejects(
      { counts: [{ ...entry, treatment: { exposures: 1, events: 0, users: 1 } }] },
      'counts.0.treatment.users',
    );
    await rejects({ counts: [entry], extra: true }, 'extra');
    await rejects({ counts: Array.from({ length: 2001 }, () => entry) }, 'counts');
    // None of it was taken: the next tick weighs nothing.
    expect(setup.t.guards.stats().pendingBatches).toBe(0);
    await setup.scheduler.tick();
    expect(guardOf(await plan(setup)).figures).toBeNull();

    // The same entry, well formed, is taken; 2,000 entries are allowed, and so is a large `dropped`.
    expect(await report(setup, batch, arms([100, 5], [900, 9]))).toEqual({ accepted: 1, ignored: 0 });
    const many = await setup.sdk.post(COUNTS, { counts: Array.from({ length: 2000 }, () => entry), dropped: 1e12 });
    expect(many.json).toEqual({ accepted: 2000, ignored: 0 });
  });

  it('takes server keys only, in their own environment', async () => {
    const setup = await setUp();
    const body = { counts: [], dropped: 0 };
    expect((await setup.browser.post(COUNTS, body)).status).toBe(403);
    expect((await setup.t.post(COUNTS, body)).status).toBe(403);
    expect((await setup.sdk.post(COUNTS, body)).json).toEqual({ accepted: 0, ignored: 0 });
  });

  it('ignores entries for unknown flags, flags without a guard, and stale or unknown batches', async () => {
    const setup = await setUp();
    await setup.t.post('/api/v1/flags', { key: 'b' });
    await setup.t.post(RELEASE, {
      steps: [{ percentage: 10, holdSeconds: HOLD }, { percentage: 50, holdSeconds: HOLD }, { percentage: 100 }],
      guard: { event: EVENT },
    });
    const first = await currentGuard(setup);
    const counts = arms([100, 1], [900, 9]);
    setup.clock.advance(HOLD);
    expect(await setup.scheduler.tick()).toBe(1);
    const second = await currentGuard(setup);
    expect(second.batch).not.toBe(first.batch);

    const response = await setup.sdk.post(COUNTS, {
      counts: [
        { flag: 'a', batch: first.batch, ...counts },
        { flag: 'a', batch: 'nonsense', ...counts },
        { flag: 'nope', batch: second.batch, ...counts },
        { flag: 'b', batch: second.batch, ...counts },
        { flag: 'a', batch: second.batch, ...counts },
      ],
      dropped: 3,
    });
    expect(response.status).toBe(202);
    expect(response.json).toEqual({ accepted: 1, ignored: 4 });
    expect(setup.t.guards.stats()).toMatchObject({ serverEntries: { accepted: 1, ignored: 4 }, sdkDropped: 3 });
    await setup.scheduler.tick();
    expect(guardOf(await plan(setup)).figures).toMatchObject({
      batches: 1,
      exposures: { treatment: 100, control: 900 },
      events: { treatment: 1, control: 9 },
    });
    const metrics = (await setup.t.get('/metrics', null)).body;
    expect(metrics).toContain('rampart_guard_count_entries_total{outcome="ignored"} 4');
    expect(metrics).toContain('rampart_guard_sdk_dropped_total 3');
  });

  it('drops counts whose batch a step closed before they were weighed', async () => {
    const setup = await setUp();
    await setup.t.post(RELEASE, {
      steps: [{ percentage: 10, holdSeconds: HOLD }, { percentage: 50, holdSeconds: HOLD }, { percentage: 100 }],
      guard: { event: EVENT, action: 'pause' },
    });
    const { batch } = await currentGuard(setup);
    expect(await report(setup, batch, arms([1000, 50], [9000, 90]))).toEqual({ accepted: 1, ignored: 0 });
    // Another instance applies the step first: these counts belong to a batch that is over.
    setup.clock.advance(HOLD);
    await setup.t.post(`${RELEASE}/advance`, {});
    await setup.scheduler.tick();
    expect(await plan(setup)).toMatchObject({ status: 'running', currentStep: 1 });
    expect(guardOf(await plan(setup)).figures).toBeNull();
  });
});

describe('guard decisions', () => {
  const STEPS = [{ percentage: 10, holdSeconds: HOLD }, { percentage: 50, holdSeconds: HOLD }, { percentage: 100 }];

  it('kills a treatment with 5 % errors against 1 % in control at the next tick, with the figures in GET and the audit log', async () => {
    const setup = await setUp();
    const id = String((await setup.t.post(RELEASE, { steps: STEPS, guard: { event: EVENT } })).json.id);
    const guard = await currentGuard(setup);
    expect(guard).toMatchObject({ event: EVENT, batch: expect.stringContaining(`${id}:0:`) });
    // Ten reports, as ten SDK instances would send them.
    for (let i = 0; i < 10; i++) await report(setup, guard.batch, arms([100, 5], [900, 9]));
    expect(await plan(setup)).toMatchObject({ status: 'running' });

    await setup.scheduler.tick();
    const killed = await plan(setup);
    expect(killed).toMatchObject({ status: 'killed', nextStepAt: null, currentStep: 0 });
    const figures = guardOf(killed).figures;
    expect(figures).toMatchObject({
      batches: 1,
      exposures: { treatment: 1000, control: 9000 },
      events: { treatment: 50, control: 90 },
      rates: { treatment: 0.05, control: 0.01 },
      minExposuresReached: true,
    });
    expect(figures?.statistic).toBeGreaterThanOrEqual(Number(figures?.threshold));
    expect(figures?.threshold).toBeCloseTo(Math.log(20), 10);
    expect(killed.guard).toMatchObject({ decision: 'harm' });

    const [entry, configEntry] = await audit(setup);
    expect(entry).toMatchObject({ action: 'release.killed', actor: `release:${id}`, environment: 'production' });
    expect(entry?.reason).toMatch(/treatment 5\.00 % \(50 events in 1000 exposures\), control 1\.00 % \(90 in 9000\)/);
    expect(entry?.reason).toMatch(/statistic \d+\.\d\d reached the threshold 3\.00 \(alpha 0\.05\)/);
    expect(entry?.after).toMatchObject({ status: 'killed', guard: { decision: 'harm', figures } });
    expect(configEntry).toMatchObject({ action: 'config.killed', actor: `release:${id}`, reason: entry?.reason });

    const flag = await sdkFlag(setup);
    expect(flag.enabled).toBe(false);
    expect(flag.guard).toBeUndefined();
    // Nothing more happens, whatever comes.
    expect(await report(setup, guard.batch, arms([100, 5], [900, 9]))).toEqual({ accepted: 0, ignored: 1 });
    setup.clock.advance(HOLD * 10);
    expect(await setup.scheduler.tick()).toBe(0);
    expect((await audit(setup))[0]?.action).toBe('release.killed');
  });

  it('never kills equal rates over a long plan, and the plan completes', async () => {
    const setup = await setUp();
    const steps = [5, 10, 20, 50].map((percentage) => ({ percentage, holdSeconds: HOLD }));
    await setup.t.post(RELEASE, { steps: [...steps, { percentage: 100 }], guard: { event: EVENT } });
    const random = createSeededRandom(20300101);
    let batches = 0;
    for (const { percentage } of steps) {
      const { batch } = await currentGuard(setup);
      for (let minute = 0; minute < HOLD / 60; minute++) {
        const treatment = binomial(random, 1000, percentage / 100);
        const control = 1000 - treatment;
        const counts = arms([treatment, binomial(random, treatment, 0.01)], [control, binomial(random, control, 0.01)]);
        await report(setup, batch, counts);
        setup.clock.advance(60);
        await setup.scheduler.tick();
        batches++;
        expect(await plan(setup)).toMatchObject({ status: expect.stringMatching(/running|completed/) });
      }
    }
    const done = await plan(setup);
    expect(done).toMatchObject({ status: 'completed', currentStep: 4, guard: { decision: 'continue' } });
    const figures = guardOf(done).figures;
    expect(figures).toMatchObject({ batches, minExposuresReached: true });
    expect(figures?.statistic).toBeLessThan(Number(figures?.threshold));
    expect((await sdkFlag(setup)).guard).toBeUndefined();
    expect((await audit(setup)).map((entry) => entry.action)).not.toContain('release.killed');
  });

  it("pauses instead with action pause, keeps the flag on, and after a person's resume does not pause again for the same harm", async () => {
    const setup = await setUp();
    const id = String(
      (await setup.t.post(RELEASE, { steps: STEPS, guard: { event: EVENT, action: 'pause' } })).json.id,
    );
    const { batch } = await currentGuard(setup);
    const before = (await sdkFlag(setup)).version;
    await report(setup, batch, arms([1000, 50], [9000, 90]));
    await setup.scheduler.tick();

    const paused = await plan(setup);
    expect(paused).toMatchObject({ status: 'paused', guard: { decision: 'harm' } });
    expect(paused.pausedReason).toMatch(
      /^guard 'checkout-error': the release raises the event's rate: treatment 5\.00 %/,
    );
    const [entry] = await audit(setup);
    expect(entry).toMatchObject({ action: 'release.paused', actor: `release:${id}`, reason: paused.pausedReason });
    const flag = await sdkFlag(setup);
    expect(flag).toMatchObject({ enabled: true, rules: [{ rollout: { percentage: 10 } }] });
    expect(flag.guard).toBeUndefined();
    expect(flag.version).toBeGreaterThan(before);

    expect((await setup.t.post(`${RELEASE}/resume`, { reason: 'a known client bug' })).status).toBe(200);
    const resumed = await currentGuard(setup);
    await report(setup, resumed.batch, arms([1000, 50], [9000, 90]));
    await setup.scheduler.tick();
    const after = await plan(setup);
    expect(after).toMatchObject({ status: 'running', guard: { decision: 'harm', figures: { batches: 2 } } });
  });

  it('pauses on a sample-ratio mismatch, saying that attribution is broken', async () => {
    const setup = await setUp();
    const id = String((await setup.t.post(RELEASE, { steps: STEPS, guard: { event: EVENT } })).json.id);
    const { batch } = await currentGuard(setup);
    // Equal rates, but 30 % of the exposures in treatment at a 10 % step.
    await report(setup, batch, arms([3000, 30], [7000, 70]));
    await setup.scheduler.tick();
    const paused = await plan(setup);
    expect(paused).toMatchObject({ status: 'paused', guard: { decision: 'sample-ratio-mismatch' } });
    expect(paused.pausedReason).toMatch(
      /attribution is broken \(sample-ratio mismatch\): the treatment had 30\.00 % of 10000 exposures where the steps assigned 10\.00 %/,
    );
    expect((await audit(setup))[0]).toMatchObject({ action: 'release.paused', actor: `release:${id}` });
    expect((await sdkFlag(setup)).enabled).toBe(true);
  });

  it('waits for exposures before weighing events that came without them', async () => {
    const setup = await setUp();
    await setup.t.post(RELEASE, { steps: STEPS, guard: { event: EVENT } });
    const { batch } = await currentGuard(setup);
    await report(setup, batch, arms([0, 2], [900, 9]));
    await setup.scheduler.tick();
    expect(guardOf(await plan(setup)).figures).toBeNull();
    await report(setup, batch, arms([100, 0], [0, 0]));
    await setup.scheduler.tick();
    expect(guardOf(await plan(setup)).figures).toMatchObject({
      batches: 1,
      exposures: { treatment: 100, control: 900 },
      events: { treatment: 2, control: 9 },
    });
  });
});

describe('the guard in the snapshot', () => {
  it('is there exactly while a guarded plan runs below 100 %, and every change of it bumps the version', async () => {
    const setup = await setUp();
    const versions: number[] = [];
    const look = async () => {
      const flag = await sdkFlag(setup);
      versions.push(flag.version);
      return flag.guard;
    };
    const bumped = () => {
      const [previous, last] = versions.slice(-2);
      expect(last).toBeGreaterThan(Number(previous));
    };

    // A plan without a guard: none.
    await setup.t.post(RELEASE, { steps: [{ percentage: 10, holdSeconds: HOLD }, { percentage: 100 }] });
    expect(await look()).toBeUndefined();
    await setup.t.post(`${RELEASE}/abort`, {});

    const steps = [10, 20, 50].map((percentage) => ({ percentage, holdSeconds: HOLD }));
    const created = await setup.t.post(RELEASE, { steps: [...steps, { percentage: 100 }], guard: { event: EVENT } });
    const id = String(created.json.id);
    const ruleId = String(created.json.ruleId);
    const first = await look();
    expect(first).toEqual({ ruleId, event: EVENT, batch: expect.stringMatching(new RegExp(`^${id}:0:\\d+$`)) });

    await setup.t.post(`${RELEASE}/pause`, {});
    expect(await look()).toBeUndefined();
    bumped();
    await setup.t.post(`${RELEASE}/resume`, {});
    expect(await look()).toEqual(first);
    bumped();

    // A person ramps the rule to the next step's 20 %: the plan pauses.
    await setup.t.post(`${CONFIG}/ramp`, { percentage: 20 });
    expect(await plan(setup)).toMatchObject({ status: 'paused' });
    expect(await look()).toBeUndefined();
    await setup.t.post(`${RELEASE}/resume`, {});
    const rampedByHand = await look();
    expect(rampedByHand?.batch).not.toBe(first?.batch);
    // The next step changes nothing in the configuration (20 % already), yet it is a new batch.
    await setup.t.post(`${RELEASE}/advance`, {});
    const secondStep = await look();
    expect(secondStep).toMatchObject({ ruleId, batch: expect.stringMatching(new RegExp(`^${id}:1:`)) });
    bumped();

    setup.clock.advance(HOLD);
    await setup.scheduler.tick();
    const thirdStep = await look();
    expect(thirdStep?.batch).toMatch(new RegExp(`^${id}:2:`));
    bumped();

    // The last step, at 100 %, completes the plan: no control, no guard.
    setup.clock.advance(HOLD);
    await setup.scheduler.tick();
    expect(await plan(setup)).toMatchObject({ status: 'completed' });
    expect(await look()).toBeUndefined();
    bumped();
  });

  it('is gone once the plan is aborted', async () => {
    const setup = await setUp();
    await setup.t.post(RELEASE, {
      steps: [{ percentage: 10, holdSeconds: HOLD }, { percentage: 100 }],
      guard: { event: EVENT },
    });
    const before = await sdkFlag(setup);
    expect(before.guard).toBeDefined();
    await setup.t.post(`${RELEASE}/abort`, {});
    const after = await sdkFlag(setup);
    expect(after.guard).toBeUndefined();
    expect(after.version).toBeGreaterThan(before.version);
  });
});

describe('POST /client/track and browser exposures', () => {
  // 50 %: the units split between the arms; minExposures high enough that no decision is taken.
  const STEPS = [{ percentage: 50, holdSeconds: HOLD }, { percentage: 100 }];
  const GUARD = { event: EVENT, action: 'pause', minExposures: 1_000_000 };
  const user = (i: number) => ({ userId: `u${i}`, country: 'nl' });

  async function figures(setup: Setup) {
    setup.clock.advance(5);
    await setup.scheduler.tick();
    return guardOf(await plan(setup)).figures as {
      exposures: { treatment: number; control: number };
      events: { treatment: number; control: number };
    } | null;
  }
  const total = (arms: { treatment: number; control: number } | undefined) =>
    (arms?.treatment ?? 0) + (arms?.control ?? 0);

  it('counts a context once per interval, however often it is evaluated or has the event, and in its own arm', async () => {
    const setup = await setUp();
    await setup.t.post(RELEASE, { steps: STEPS, guard: GUARD });
    await currentGuard(setup);
    for (let i = 0; i < 5; i++) expect((await setup.browser.post(EVALUATE, { context: user(1) })).status).toBe(200);
    for (let i = 0; i < 100; i++) {
      const response = await setup.browser.post(TRACK, { event: EVENT, context: user(1) });
      expect(response.status).toBe(202);
    }
    await setup.browser.post(TRACK, { event: 'another-event', context: user(1) });
    // An event for a context this instance did not serve counts for nothing.
    await setup.browser.post(TRACK, { event: EVENT, context: user(2) });
    const measured = await figures(setup);
    expect(total(measured?.exposures)).toBe(1);
    expect(measured?.events).toEqual(measured?.exposures);

    // The next interval: an event for a context served only in the previous one is not counted.
    await setup.browser.post(TRACK, { event: EVENT, context: user(1) });
    const next = await figures(setup);
    expect(total(next?.events)).toBe(1);
  });

  it('counts at most the bound of units per client key and interval, and events only for those', async () => {
    const setup = await setUp({ browsers: { maxUnitsPerKey: 20 } });
    await setup.t.post(RELEASE, { steps: STEPS, guard: GUARD });
    await currentGuard(setup);
    for (let i = 0; i < 30; i++) await setup.browser.post(EVALUATE, { context: user(i) });
    for (let i = 0; i < 30; i++) await setup.browser.post(TRACK, { event: EVENT, context: user(i) });
    const measured = await figures(setup);
    expect(total(measured?.exposures)).toBe(20);
    expect(total(measured?.events)).toBe(20);
    expect(setup.t.guards.stats().browserCapped).toBe(10);
    // The bound is per interval: the next one counts again.
    for (let i = 20; i < 30; i++) await setup.browser.post(EVALUATE, { context: user(i) });
    expect(total((await figures(setup))?.exposures)).toBe(30);
  });

  it('counts the contexts of open client streams in every interval, and OFREP evaluations', async () => {
    const setup = await setUp();
    await setup.t.post(RELEASE, { steps: STEPS, guard: GUARD });
    await currentGuard(setup);
    const sink = { write: () => 0, end: () => undefined, abort: () => undefined };
    const opened = await setup.t.delivery.openClientStream(
      { environment: 'production', keyId: setup.clientKeyId, context: user(7), contextKey: 'u7' },
      () => sink,
    );
    expect(opened).toBe(true);
    expect(total((await figures(setup))?.exposures)).toBe(1);
    // A later interval: the stream still holds the results, so its events count.
    await setup.browser.post(TRACK, { event: EVENT, context: user(7) });
    const later = await figures(setup);
    expect(total(later?.exposures)).toBe(2);
    expect(total(later?.events)).toBe(1);

    const ofrep = await setup.browser.request('POST', '/ofrep/v1/evaluate/flags/a', { body: { context: user(8) } });
    expect(ofrep.status).toBe(200);
    expect(total((await figures(setup))?.exposures)).toBe(2 + 2);
  });

  it('takes client keys only, with CORS, and refuses a bad body naming the field', async () => {
    const setup = await setUp();
    expect((await setup.sdk.post(TRACK, { event: EVENT })).status).toBe(403);
    const preflight = await setup.t.app.request(TRACK, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const accepted = await setup.browser.post(TRACK, { event: EVENT }, { origin: 'https://shop.example' });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('access-control-allow-origin')).toBe('*');
    const rejects = (body: unknown, path: string) =>
      expectRejected(setup.t, () => setup.browser.post(TRACK, body), { status: 400, code: 'validation_failed', path });
    await rejects({}, 'event');
    await rejects({ event: '' }, 'event');
    await rejects({ event: EVENT, context: { nested: { a: 1 } } }, 'context.nested');
    await rejects({ event: EVENT, user: 'u1' }, 'user');
  });
});

describe('the guard across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-guard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('goes on from the stored state in a new app over the same database', async () => {
    const filename = join(dir, 'guard.db');
    const clock = createManualClock(START);
    const start = (store = createSqliteStore({ filename })) => {
      const base = { store, bus: createMemoryBus(), clock, logger: createSilentLogger(), random: cryptoRandom };
      const delivery = createDelivery({ store, bus: base.bus, logger: base.logger });
      const guards = createGuardCollector({ clock, delivery });
      const deps = { ...base, delivery, guards };
      return { deps, delivery, app: createApp(deps), scheduler: createReleaseScheduler(deps) };
    };
    const first = start();
    const { adminKey } = await bootstrap(first.deps);
    if (adminKey.source !== 'generated') throw new Error('expected a generated admin key');
    const admin = createClient(first.app, adminKey.secret);
    await admin.post('/api/v1/flags', { key: 'a' });
    const sdkKey = String(
      (await admin.post('/api/v1/keys', { kind: 'server', environment: 'production', name: 's' })).json.secret,
    );
    await admin.post(RELEASE, {
      steps: [{ percentage: 10, holdSeconds: HOLD }, { percentage: 100 }],
      guard: { event: EVENT },
    });
    const send = async (app: ReturnType<typeof createApp>, counts: Arms) => {
      const sdk = createClient(app, sdkKey);
      const snapshot = (await sdk.get('/api/v1/sdk/flags')).body as Snapshot;
      const batch = String(snapshot.flags[0]?.guard?.batch);
      expect((await sdk.post(COUNTS, { counts: [{ flag: 'a', batch, ...counts }] })).json).toEqual({
        accepted: 1,
        ignored: 0,
      });
    };
    const one = arms([100, 2], [900, 7]);
    const two = arms([120, 1], [880, 11]);
    await send(first.app, one);
    await first.scheduler.tick();
    await first.scheduler.stop();
    first.delivery.shutdown();
    await first.deps.store.close();

    const second = start();
    const after = createClient(second.app, adminKey.secret);
    expect(guardOf((await after.get(RELEASE)).json).figures).toMatchObject({ batches: 1 });
    await send(second.app, two);
    await second.scheduler.tick();
    const options = { alpha: 0.05, minExposures: 500 };
    const expected = observe(
      observe(createGuardState(), { ...one, expectedTreatmentShare: 0.1 }, options).state,
      { ...two, expectedTreatmentShare: 0.1 },
      options,
    ).figures;
    expect(guardOf((await after.get(RELEASE)).json).figures).toEqual(expected);
    await second.scheduler.stop();
    second.delivery.shutdown();
    await second.deps.store.close();
  });
});
