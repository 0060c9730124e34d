import { afterEach, describe, expect, it } from 'vitest';
import type { BusListener, ChangeBus, ChangeMessage } from './bus.js';

export interface BusContractOptions {
  /** A human name for the implementation, in test titles. */
  name: string;
  /** Connects a new bus to the shared medium: buses from one `connect` hear each other. */
  connect(): Promise<ChangeBus>;
  /** How long a message may take to arrive. */
  deliveryTimeoutMs?: number;
}

/** Collects what a bus delivers and waits for it, without sleeping. */
function recorder(bus: ChangeBus) {
  const received: ChangeMessage[] = [];
  const waiters: (() => void)[] = [];
  const listener: BusListener = {
    change(message) {
      received.push(message);
      for (const wake of waiters.splice(0)) wake();
    },
  };
  const unsubscribe = bus.subscribe(listener);
  return {
    received,
    unsubscribe,
    async until(count: number, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`expected ${count} messages, got ${received.length}: ${JSON.stringify(received)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

/**
 * The behaviour every change bus must have. Run it from each implementation's test file.
 *
 * @example
 * const hub = createMemoryHub();
 * runBusContract({ name: 'memory', connect: async () => hub.connect() });
 */
export function runBusContract({ name, connect, deliveryTimeoutMs = 2_000 }: BusContractOptions): void {
  describe(`change bus contract: ${name}`, () => {
    const open: ChangeBus[] = [];
    const bus = async () => {
      const connected = await connect();
      open.push(connected);
      return connected;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((b) => b.close()));
    });

    it('reports connected once connected', async () => {
      expect((await bus()).state).toBe('connected');
    });

    it('delivers a message to every subscriber on every instance, the publisher’s included', async () => {
      const a = await bus();
      const b = await bus();
      const onA = recorder(a);
      const onB1 = recorder(b);
      const onB2 = recorder(b);
      await a.publish({ environment: 'production', version: 3 });
      for (const r of [onA, onB1, onB2]) {
        await r.until(1, deliveryTimeoutMs);
        expect(r.received).toEqual([{ environment: 'production', version: 3 }]);
      }
    });

    it('keeps one publisher’s messages in order', async () => {
      const a = await bus();
      const onB = recorder(await bus());
      for (let version = 1; version <= 20; version++) await a.publish({ environment: 'e', version });
      await onB.until(20, deliveryTimeoutMs);
      expect(onB.received.map((m) => m.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('stops delivering to a listener that unsubscribed', async () => {
      const a = await bus();
      const stays = recorder(a);
      const leaves = recorder(a);
      leaves.unsubscribe();
      await a.publish({ environment: 'e', version: 1 });
      await stays.until(1, deliveryTimeoutMs);
      expect(leaves.received).toEqual([]);
    });

    it('keeps delivering to the others when a listener throws', async () => {
      const a = await bus();
      a.subscribe({
        change() {
          throw new Error('listener bug');
        },
      });
      const after = recorder(a);
      await a.publish({ environment: 'e', version: 1 });
      await a.publish({ environment: 'e', version: 2 });
      await after.until(2, deliveryTimeoutMs);
      expect(after.received.map((m) => m.version)).toEqual([1, 2]);
    });

    it('carries only the environment and the version', async () => {
      const a = await bus();
      const onA = recorder(a);
      const extra = { environment: 'e', version: 9, secret: 'not for the wire' };
      await a.publish(extra);
      await onA.until(1, deliveryTimeoutMs);
      expect(onA.received).toEqual([{ environment: 'e', version: 9 }]);
    });

    it('resolves publish after close, and stops delivering', async () => {
      const a = await bus();
      const onA = recorder(a);
      await a.close();
      expect(a.state).toBe('disconnected');
      await expect(a.publish({ environment: 'e', version: 1 })).resolves.toBeUndefined();
      expect(onA.received).toEqual([]);
    });
  });
}
