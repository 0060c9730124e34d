import { afterEach, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createSilentLogger } from '../base/logger.js';
import { cryptoRandom } from '../base/random.js';
import { bootstrap } from '../bootstrap.js';
import { createMemoryBus } from '../bus/memory-bus.js';
import { createDelivery, type Delivery } from '../delivery/index.js';
import { createPostgresStore } from '../store/postgres/postgres-store.js';
import type { Store } from '../store/store.js';
import {
  createTestDatabase,
  describeWithServices,
  probePostgres,
  type TestDatabase,
} from '../test-support/services.js';
import { createClient, createManualClock } from '../test-support/test-app.js';
import { createGuardCollector } from './guard-collector.js';
import { createReleaseScheduler } from './scheduler.js';

const RELEASE = '/api/v1/flags/a/environments/production/release';
const START = Date.parse('2030-01-01T00:00:00.000Z');
const HOLD = 600;
const PERCENTAGES = [1, 5, 10, 50, 100];

describeWithServices([await probePostgres()], 'release plans on two instances over one PostgreSQL', () => {
  let database: TestDatabase | undefined;
  const stores: Store[] = [];
  const deliveries: Delivery[] = [];
  afterEach(async () => {
    for (const delivery of deliveries.splice(0)) delivery.shutdown();
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await database?.drop();
  });

  it('applies each step exactly once while both instances tick at the same time', async () => {
    database = await createTestDatabase();
    const url = database.url;
    stores.push(...(await Promise.all([1, 2].map(() => createPostgresStore({ connectionString: url })))));
    const clock = createManualClock(START);
    const instances = stores.map((store) => {
      const deps = { store, bus: createMemoryBus(), clock, logger: createSilentLogger(), random: cryptoRandom };
      // Two schedulers per instance, so that each round has four ticks racing for one step.
      return { deps, app: createApp(deps), schedulers: [createReleaseScheduler(deps), createReleaseScheduler(deps)] };
    });
    const [a, b] = instances;
    if (a === undefined || b === undefined) throw new Error('expected two instances');
    const { adminKey } = await bootstrap(a.deps);
    if (adminKey.source !== 'generated') throw new Error('expected a generated admin key');
    await createClient(a.app, adminKey.secret).post('/api/v1/flags', { key: 'a' });
    const steps = PERCENTAGES.map((percentage, i) =>
      i < PERCENTAGES.length - 1 ? { percentage, holdSeconds: HOLD } : { percentage },
    );
    // Scheduled a minute ahead, so that every step, the first too, is applied by a tick.
    const created = await createClient(b.app, adminKey.secret).post(RELEASE, {
      steps,
      startAt: new Date(START + 60_000).toISOString(),
    });
    expect(created.json).toMatchObject({ status: 'scheduled' });
    const id = String(created.json.id);

    const schedulers = instances.flatMap((instance) => instance.schedulers);
    const appliedPerRound: number[] = [];
    clock.advance(60);
    for (let round = 0; round < PERCENTAGES.length + 2; round++) {
      const applied = await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
      appliedPerRound.push(applied.reduce((sum, n) => sum + n, 0));
      clock.advance(HOLD);
    }
    expect(appliedPerRound).toEqual([1, 1, 1, 1, 1, 0, 0]);

    const { entries } = await a.deps.store.listAudit({ flag: 'a', limit: 100 });
    const steppedBy = entries.filter((entry) => entry.actor === `release:${id}` && entry.action === 'config.ramped');
    expect(steppedBy.map((entry) => entry.reason).reverse()).toEqual(
      PERCENTAGES.map((percentage, i) => `release plan ${id}: step ${i + 1} of 5, ${percentage} %`),
    );
    expect(entries.filter((entry) => entry.action === 'release.completed')).toHaveLength(1);
    expect(await b.deps.store.getReleasePlan('a', 'production')).toMatchObject({
      status: 'completed',
      stepsApplied: 5,
    });
    expect(await a.deps.store.getFlagConfig('a', 'production')).toMatchObject({
      enabled: true,
      rules: [{ rollout: { percentage: 100 } }],
      version: 1 + PERCENTAGES.length,
    });
  });

  it("weighs each instance's guard counts as batches of one test, and kills the plan once", async () => {
    database = await createTestDatabase();
    const url = database.url;
    stores.push(...(await Promise.all([1, 2].map(() => createPostgresStore({ connectionString: url })))));
    const clock = createManualClock(START);
    const instances = stores.map((store) => {
      const base = { store, bus: createMemoryBus(), clock, logger: createSilentLogger(), random: cryptoRandom };
      const delivery = createDelivery({ store, bus: base.bus, logger: base.logger });
      deliveries.push(delivery);
      const deps = { ...base, delivery, guards: createGuardCollector({ clock, delivery }) };
      return { deps, delivery, app: createApp(deps), scheduler: createReleaseScheduler(deps) };
    });
    const [a, b] = instances;
    if (a === undefined || b === undefined) throw new Error('expected two instances');
    const { adminKey } = await bootstrap(a.deps);
    if (adminKey.source !== 'generated') throw new Error('expected a generated admin key');
    const admin = createClient(a.app, adminKey.secret);
    await admin.post('/api/v1/flags', { key: 'a' });
    const key = await admin.post('/api/v1/keys', { kind: 'server', environment: 'production', name: 'sdk' });
    const created = await admin.post(RELEASE, {
      steps: [{ percentage: 10, holdSeconds: HOLD }, { percentage: 100 }],
      guard: { event: 'checkout-error' },
    });
    const id = String(created.json.id);

    /** Each instance hears of the plan by polling the database, then takes one SDK's counts. */
    const send = async (counts: { treatment: number[]; control: number[] }) => {
      for (const instance of instances) {
        await instance.delivery.environments.poll();
        const sdk = createClient(instance.app, String(key.json.secret));
        const flag = ((await sdk.get('/api/v1/sdk/flags')).json.flags as { guard?: { batch: string } }[])[0];
        const [te = 0, tv = 0] = counts.treatment;
        const [ce = 0, cv = 0] = counts.control;
        const entry = {
          flag: 'a',
          batch: flag?.guard?.batch,
          treatment: { exposures: te, events: tv },
          control: { exposures: ce, events: cv },
        };
        expect((await sdk.post('/api/v1/sdk/guard-counts', { counts: [entry] })).json).toEqual({
          accepted: 1,
          ignored: 0,
        });
      }
    };
    await send({ treatment: [50, 0], control: [450, 5] });
    await Promise.all(instances.map((instance) => instance.scheduler.tick()));
    expect(await a.deps.store.getReleasePlan('a', 'production')).toMatchObject({
      status: 'running',
      guardProgress: {
        decision: 'continue',
        figures: { batches: 2, exposures: { treatment: 100, control: 900 }, events: { treatment: 0, control: 10 } },
      },
    });

    await send({ treatment: [500, 25], control: [4500, 45] });
    await Promise.all(instances.map((instance) => instance.scheduler.tick()));
    expect(await b.deps.store.getReleasePlan('a', 'production')).toMatchObject({
      status: 'killed',
      // The first batch weighed decided; the other instance's, weighed after the kill, was dropped.
      guardProgress: { decision: 'harm', figures: { batches: 3, exposures: { treatment: 600 } } },
    });
    const { entries } = await a.deps.store.listAudit({ flag: 'a', limit: 100 });
    expect(
      entries.filter((entry) => entry.action === 'release.killed' && entry.actor === `release:${id}`),
    ).toHaveLength(1);
    expect(await a.deps.store.getFlagConfig('a', 'production')).toMatchObject({ enabled: false });
  });
});
