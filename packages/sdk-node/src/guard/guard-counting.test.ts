import { compile, guardArm, type EvaluationContext, type SnapshotFlag } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientEvents, RampartClient } from '../client-api.js';
import { createClient } from '../client.js';
import type { ClientOptions } from '../options.js';
import { createFakeRampart, flag, patchOf, snapshotOf } from '../test-support/fake-rampart.js';
import { BatchCounts, MAX_EVENT_UNITS } from './batch-counts.js';
import { EXACT_UNITS } from './distinct-units.js';

const clients: RampartClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

const EVENT = 'checkout-error';

/** `checkout`, on for half the users by `userId` on its rule `ramp`, which a plan guards at `batch`. */
function guarded(batch = 'b1', overrides: Partial<SnapshotFlag> = {}): SnapshotFlag {
  return flag('checkout', {
    rules: [{ id: 'ramp', rollout: { percentage: 50, bucketBy: ['userId'] } }],
    guard: { ruleId: 'ramp', event: EVENT, batch },
    ...overrides,
  });
}

const users = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ userId: `user-${from + i}` }));

/** How many of `contexts` fall in each arm of `checkout`'s guarded rule. */
function arms(contexts: EvaluationContext[], flags: SnapshotFlag[] = [guarded()]) {
  const compiled = compile(snapshotOf(1, flags));
  const count = { treatment: 0, control: 0 };
  for (const context of contexts) {
    const exposure = guardArm(compiled, 'checkout', context);
    if (exposure) count[exposure.arm]++;
  }
  return count;
}

/** A ready client of a fake Rampart that serves `flags`, with its errors recorded. */
async function setup(flags: SnapshotFlag[] = [guarded()], options: Partial<ClientOptions> = {}) {
  const rampart = createFakeRampart();
  const client = createClient({ url: rampart.url, sdkKey: 'rps_test', platform: rampart.platform, ...options });
  clients.push(client);
  const errors: ClientEvents['error'][] = [];
  client.on('error', (error) => errors.push(error));
  rampart.sendSnapshot(snapshotOf(1, flags));
  await rampart.platform.settle();
  return { rampart, client, errors };
}

describe('guard counts', () => {
  it('counts exposures and events per arm as distinct units, sent every 5 s as the contract says', async () => {
    const { rampart, client } = await setup();
    const everyone = users(40);
    for (let round = 0; round < 3; round++) {
      for (const context of everyone) {
        client.isEnabled('checkout', context);
        client.evaluate('checkout', { ...context, plan: 'pro' });
      }
    }
    const failing = everyone.slice(0, 10);
    for (const context of [...failing, ...failing]) client.track(EVENT, context, 3);
    client.track('another-event', { userId: 'user-20' });
    await rampart.platform.advance(4_999);
    expect(rampart.uploads()).toHaveLength(0);
    await rampart.platform.advance(1);
    const exposed = arms(everyone);
    const failed = arms(failing);
    expect(exposed.treatment).toBeGreaterThan(0);
    expect(exposed.control).toBeGreaterThan(0);
    expect(rampart.uploads().map(({ method, url, headers }) => ({ method, url, headers }))).toEqual([
      {
        method: 'POST',
        url: 'http://rampart.test/api/v1/sdk/guard-counts',
        headers: { authorization: 'Bearer rps_test', 'content-type': 'application/json' },
      },
    ]);
    expect(rampart.uploaded()).toEqual([
      {
        counts: [
          {
            flag: 'checkout',
            batch: 'b1',
            treatment: { exposures: exposed.treatment, events: failed.treatment },
            control: { exposures: exposed.control, events: failed.control },
          },
        ],
        dropped: 0,
      },
    ]);
  });

  it('counts a unit again in the next interval, and sends nothing for an interval with nothing counted', async () => {
    const { rampart, client } = await setup();
    const [user = {}] = users(1);
    const arm = arms([user]).treatment === 1 ? 'treatment' : 'control';
    const other = arm === 'treatment' ? 'control' : 'treatment';
    client.isEnabled('checkout', user);
    await rampart.platform.advance(5_000);
    client.isEnabled('checkout', user);
    client.track(EVENT, user);
    await rampart.platform.advance(10_000);
    expect(rampart.uploaded()).toEqual([
      {
        counts: [
          {
            flag: 'checkout',
            batch: 'b1',
            [arm]: { exposures: 1, events: 0 },
            [other]: { exposures: 0, events: 0 },
          },
        ],
        dropped: 0,
      },
      {
        counts: [
          {
            flag: 'checkout',
            batch: 'b1',
            [arm]: { exposures: 1, events: 1 },
            [other]: { exposures: 0, events: 0 },
          },
        ],
        dropped: 0,
      },
    ]);
  });

  it('counts a unit that fails in every interval one event per batch, and one more in the next batch', async () => {
    const { rampart, client } = await setup();
    const [user = {}] = users(1);
    const arm = arms([user]).treatment === 1 ? 'treatment' : 'control';
    const other = arm === 'treatment' ? 'control' : 'treatment';
    const failEveryInterval = async (intervals: number) => {
      for (let i = 0; i < intervals; i++) {
        client.isEnabled('checkout', user);
        client.track(EVENT, user);
        client.track(EVENT, user);
        await rampart.platform.advance(5_000);
      }
    };
    await failEveryInterval(4);
    rampart.sendPatch(patchOf(2, { flags: [guarded('b2')] }));
    await rampart.platform.settle();
    await failEveryInterval(3);
    const entry = (batch: string, events: number) => ({
      counts: [{ flag: 'checkout', batch, [arm]: { exposures: 1, events }, [other]: { exposures: 0, events: 0 } }],
      dropped: 0,
    });
    expect(rampart.uploaded()).toEqual([
      entry('b1', 1),
      entry('b1', 0),
      entry('b1', 0),
      entry('b1', 0),
      entry('b2', 1),
      entry('b2', 0),
      entry('b2', 0),
    ]);
  });

  it(`stops counting a batch's events in both arms once either holds ${MAX_EVENT_UNITS} units, and reports them dropped`, () => {
    const counts = new BatchCounts('checkout', { ruleId: 'ramp', event: EVENT, batch: 'b1' });
    counts.expose('control', 7);
    expect(counts.countEvent('control', 7)).toBe(true);
    let counted = 0;
    for (let unit = 1; unit < MAX_EVENT_UNITS; unit++) if (counts.countEvent('treatment', unit)) counted++;
    expect(counted).toBe(MAX_EVENT_UNITS - 1);
    expect(counts.countEvent('treatment', 0)).toBe(true); // the last one the bound lets in
    expect(counts.countEvent('treatment', MAX_EVENT_UNITS)).toBe(false);
    expect(counts.countEvent('control', 8)).toBe(false); // the other arm stops too
    expect(counts.countEvent('control', 7)).toBe(true); // a unit counted already is not lost
    expect(counts.take()).toEqual({
      flag: 'checkout',
      batch: 'b1',
      treatment: { exposures: 0, events: MAX_EVENT_UNITS },
      control: { exposures: 1, events: 1 },
    });
    expect(counts.countEvent('control', 9)).toBe(false); // for the rest of the batch, not the interval
  });

  it('adds the events lost to that bound to `dropped`', async () => {
    const { rampart, client } = await setup([guarded('b1', { rules: [{ id: 'ramp', rollout: { percentage: 100 } }] })]);
    for (let i = 0; i < MAX_EVENT_UNITS + 3; i++) client.track(EVENT, { userId: `user-${i}` });
    client.track(EVENT, { userId: 'user-0' }); // counted already: not lost
    await rampart.platform.advance(5_000);
    expect(rampart.uploaded()).toEqual([
      {
        counts: [
          {
            flag: 'checkout',
            batch: 'b1',
            treatment: { exposures: 0, events: MAX_EVENT_UNITS },
            control: { exposures: 0, events: 0 },
          },
        ],
        dropped: 3,
      },
    ]);
  });

  it('counts events only for units that have an arm', async () => {
    const flags = [
      guarded('b1', {
        rules: [
          {
            id: 'staff',
            conditions: [{ attribute: 'plan', operator: 'in', values: ['staff'] }],
            rollout: { percentage: 100 },
          },
          { id: 'ramp', rollout: { percentage: 50, bucketBy: ['userId'] } },
        ],
      }),
    ];
    const { rampart, client } = await setup(flags);
    client.track(EVENT, { userId: 'user-1', plan: 'staff' }); // an earlier rule decides
    client.track(EVENT, { sessionId: 's1' }); // no unit for the rollout
    client.track(EVENT); // no context
    await rampart.platform.advance(5_000);
    expect(rampart.uploads()).toHaveLength(0);
    client.track(EVENT, { userId: 'user-1' });
    await rampart.platform.advance(5_000);
    expect(rampart.uploaded()).toHaveLength(1);
  });

  it('sends nothing, ever, for flags without a guard', async () => {
    const { rampart, client } = await setup([flag('plain', { rules: [{ id: 'r', rollout: { percentage: 50 } }] })]);
    for (const context of users(100)) {
      client.isEnabled('plain', context);
      client.track(EVENT, context);
    }
    await rampart.platform.advance(60_000);
    await client.close();
    expect(rampart.uploads()).toHaveLength(0);
  });

  it('starts new counts when a snapshot changes a flag’s batch, and sends the ended batch’s counts once', async () => {
    const { rampart, client } = await setup();
    const first = users(10);
    const second = users(4, 100);
    for (const context of first) client.isEnabled('checkout', context);
    rampart.sendPatch(patchOf(2, { flags: [guarded('b2')] }));
    await rampart.platform.settle();
    for (const context of second) client.isEnabled('checkout', context);
    await rampart.platform.advance(5_000);
    for (const context of second) client.isEnabled('checkout', context);
    await rampart.platform.advance(5_000);
    const entry = (batch: string, contexts: EvaluationContext[]) => {
      const { treatment, control } = arms(contexts);
      return {
        flag: 'checkout',
        batch,
        treatment: { exposures: treatment, events: 0 },
        control: { exposures: control, events: 0 },
      };
    };
    expect(rampart.uploaded()).toEqual([
      { counts: [entry('b1', first), entry('b2', second)], dropped: 0 },
      { counts: [entry('b2', second)], dropped: 0 },
    ]);
  });

  it('sends a guard’s last counts once it is gone, then stops its timer', async () => {
    const { rampart, client } = await setup();
    for (const context of users(3)) client.isEnabled('checkout', context);
    rampart.sendPatch(patchOf(2, { flags: [flag('checkout')] }));
    await rampart.platform.settle();
    for (const context of users(3)) client.isEnabled('checkout', context);
    await rampart.platform.advance(60_000);
    expect(rampart.uploaded()).toEqual([
      { counts: [expect.objectContaining({ flag: 'checkout', batch: 'b1' })], dropped: 0 },
    ]);
    const timers = rampart.platform.pendingTimers;
    rampart.sendPatch(patchOf(3, { flags: [guarded('b3')] }));
    await rampart.platform.settle();
    expect(rampart.platform.pendingTimers).toBe(timers + 1);
  });

  it('counts any number of users in bounded memory: exactly up to 2,048 per arm, then within 0.5 %', async () => {
    const { rampart, client } = await setup([guarded('b1', { rules: [{ id: 'ramp', rollout: { percentage: 100 } }] })]);
    const many = 50_000;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < many; i++) client.isEnabled('checkout', { userId: `user-${i}` });
    }
    for (let i = 0; i < EXACT_UNITS; i++) client.track(EVENT, { userId: `user-${i}` });
    await rampart.platform.advance(5_000);
    const nearly = (value: number) => expect.toSatisfy((n: number) => Math.abs(n - value) / value < 0.005);
    expect(rampart.uploaded()).toEqual([
      {
        counts: [
          {
            flag: 'checkout',
            batch: 'b1',
            treatment: { exposures: nearly(many), events: EXACT_UNITS },
            control: { exposures: 0, events: 0 },
          },
        ],
        dropped: 0,
      },
    ]);
  });

  describe('when an upload fails', () => {
    const failures = {
      'the server answers 503': () => 503,
      'the server cannot be reached': () => {
        throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4000') });
      },
    };

    it.each(Object.entries(failures))(
      'drops the counts and reports them as dropped in the next upload, when %s',
      async (_, failure) => {
        const { rampart, client, errors } = await setup();
        rampart.answers.guardCounts = failure;
        const everyone = users(12);
        for (const context of everyone) client.isEnabled('checkout', context);
        client.track(EVENT, everyone[0]);
        await rampart.platform.advance(5_000);
        for (const context of users(2)) client.isEnabled('checkout', context);
        await rampart.platform.advance(5_000);
        expect(rampart.uploads()).toHaveLength(2);
        expect(errors.map((error) => error.code)).toEqual(['guard_counts']);
        expect(errors[0]?.message).toMatch(
          new RegExp(
            '^Could not send the guard counts to http://rampart\\.test/api/v1/sdk/guard-counts: .+\\. ' +
              'They are dropped, and reported as dropped in the next upload\\.$',
          ),
        );
        rampart.answers.guardCounts = () => 202;
        await rampart.platform.advance(5_000);
        // 12 + 1 units, then 2 more: all lost; this upload has no counts, only the drops.
        expect(rampart.uploaded().at(-1)).toEqual({ counts: [], dropped: 15 });
        client.isEnabled('checkout', { userId: 'user-1' });
        await rampart.platform.advance(5_000);
        expect(rampart.uploaded().at(-1)).toMatchObject({ dropped: 0 });
      },
    );

    it('gives up on an upload that gets no answer within the interval', async () => {
      const { rampart, client, errors } = await setup();
      rampart.answers.guardCounts = () => 200; // an answer that never ends
      client.isEnabled('checkout', { userId: 'user-1' });
      await rampart.platform.advance(10_000);
      expect(rampart.uploads()[0]?.aborted).toBe(true);
      expect(errors[0]?.message).toContain(': no answer within 5000 ms.');
      rampart.answers.guardCounts = () => 202;
      await rampart.platform.advance(5_000);
      expect(rampart.uploaded().at(-1)).toEqual({ counts: [], dropped: 1 });
    });

    it('reports a refusal (4xx) with what the server said, and drops its counts without counting them', async () => {
      const { rampart, client, errors } = await setup();
      rampart.answers.guardCounts = () => ({ status: 400, body: '{"error":"validation_failed"}' });
      client.isEnabled('checkout', { userId: 'user-1' });
      await rampart.platform.advance(5_000);
      rampart.answers.guardCounts = () => 202;
      client.isEnabled('checkout', { userId: 'user-2' });
      await rampart.platform.advance(5_000);
      expect(errors.map((error) => [error.code, error.message])).toEqual([
        [
          'guard_counts',
          'http://rampart.test/api/v1/sdk/guard-counts refused the guard counts ' +
            '(HTTP 400: {"error":"validation_failed"}); they are dropped',
        ],
      ]);
      expect(rampart.uploaded().map((body) => body)).toMatchObject([{ dropped: 0 }, { dropped: 0 }]);
    });
  });

  describe('close()', () => {
    it('sends what is left', async () => {
      const { rampart, client } = await setup();
      client.isEnabled('checkout', { userId: 'user-1' });
      await rampart.platform.advance(1_000);
      await client.close();
      expect(rampart.uploaded()).toHaveLength(1);
      expect(rampart.platform.pendingTimers).toBe(0);
    });

    it('waits at most 2 s for the server', async () => {
      const { rampart, client } = await setup();
      rampart.answers.guardCounts = () => 200; // an answer that never ends
      client.isEnabled('checkout', { userId: 'user-1' });
      let closed = false;
      void client.close().then(() => (closed = true));
      await rampart.platform.advance(1_999);
      expect(closed).toBe(false);
      await rampart.platform.advance(1);
      expect(closed).toBe(true);
      expect(rampart.uploads()[0]?.aborted).toBe(true);
      expect(rampart.platform.pendingTimers).toBe(0);
    });

    it('waits for an upload under way, within the same 2 s', async () => {
      const { rampart, client } = await setup();
      rampart.answers.guardCounts = () => 200;
      client.isEnabled('checkout', { userId: 'user-1' });
      await rampart.platform.advance(5_000);
      client.isEnabled('checkout', { userId: 'user-2' });
      let closed = false;
      void client.close().then(() => (closed = true));
      await rampart.platform.advance(2_000);
      expect(closed).toBe(true);
      // The upload under way was cut at the deadline, and nothing was started after it.
      expect(rampart.uploads().map((request) => request.aborted)).toEqual([true]);
    });
  });

  it('stops sending when the server refuses the key', async () => {
    const { rampart, client } = await setup();
    client.isEnabled('checkout', { userId: 'user-1' });
    rampart.dropStream(401);
    await rampart.platform.advance(60_000);
    expect(rampart.uploads()).toHaveLength(0);
    expect(rampart.platform.pendingTimers).toBe(0);
  });

  it('lets track be called with anything, without throwing', async () => {
    const { rampart, client } = await setup();
    const hostile = Object.defineProperty({}, 'userId', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const anything: unknown[] = [undefined, null, 42, {}, hostile, [], 'user-1'];
    for (const context of anything) {
      // Callers in plain JavaScript can pass anything: the types do not protect track.
      expect(() => client.track(EVENT, context as EvaluationContext, Number.NaN)).not.toThrow();
      expect(() => client.track(context as string, { userId: 'user-1' })).not.toThrow();
    }
    client.track(EVENT, { userId: 'user-1' });
    await rampart.platform.advance(5_000);
    const { treatment } = arms([{ userId: 'user-1' }]);
    expect(rampart.uploaded()).toEqual([
      {
        counts: [
          {
            flag: 'checkout',
            batch: 'b1',
            treatment: { exposures: 0, events: treatment },
            control: { exposures: 0, events: 1 - treatment },
          },
        ],
        dropped: 0,
      },
    ]);
  });
});
