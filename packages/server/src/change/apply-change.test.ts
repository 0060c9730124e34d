import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../base/logger.js';
import { cryptoRandom } from '../base/random.js';
import type { ChangeBus, ChangeMessage } from '../bus/bus.js';
import { createMemoryBus } from '../bus/memory-bus.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createTestClock } from '../test-support/test-app.js';
import { applyChange } from './apply-change.js';

/** A bus whose publish never settles, as over a Redis that stalls without closing. */
function stalledBus(): ChangeBus & { sent: ChangeMessage[] } {
  const inner = createMemoryBus();
  const sent: ChangeMessage[] = [];
  return {
    sent,
    get state() {
      return inner.state;
    },
    publish: (message) => {
      sent.push(message);
      return new Promise<void>(() => undefined);
    },
    subscribe: (listener) => inner.subscribe(listener),
    close: () => inner.close(),
  };
}

describe('applyChange', () => {
  it('answers once the store has committed, without waiting for the announcement', async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    const bus = stalledBus();
    const deps = { store, bus, clock: createTestClock(), logger: createSilentLogger(), random: cryptoRandom };
    await store.transaction((tx) =>
      tx.insertEnvironment({
        key: 'production',
        name: 'Production',
        version: 0,
        createdAt: '2030-01-01T00:00:00.000Z',
        protected: false,
        protectedRoles: [],
      }),
    );
    // Would never resolve if the change awaited the bus.
    const value = await applyChange(deps, 'ops', async (change) => {
      change.flagChanged('production', 'a');
      return 'done';
    });
    expect(value).toBe('done');
    expect(bus.sent).toEqual([{ environment: 'production', version: 1 }]);
    expect((await store.getEnvironment('production'))?.version).toBe(1);
    await store.close();
  });
});
