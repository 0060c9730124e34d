import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, expect, it } from 'vitest';
import { findRedisServer, startRedisServer, type RedisServer } from '../test-support/redis-server.js';
import { describeWithServices, probeRedis } from '../test-support/services.js';
import { startTcpProxy } from '../test-support/tcp-proxy.js';
import type { BusState, ChangeBus, ChangeMessage } from './bus.js';
import { runBusContract } from './contract.js';
import { createRedisBus } from './redis-bus.js';

const redis = await probeRedis();

/** Resolves when `predicate` first holds for a value pushed to it; for events, not time. */
function signal<T>() {
  const seen: T[] = [];
  const waiters: { predicate: (value: T) => boolean; resolve: () => void }[] = [];
  return {
    seen,
    push(value: T) {
      seen.push(value);
      for (const waiter of waiters.filter((w) => w.predicate(value))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    /** Waits for a value from index `from` on (by default, any value seen so far counts). */
    until(predicate: (value: T) => boolean, what: string, from = 0, timeoutMs = 10_000): Promise<void> {
      if (seen.slice(from).some(predicate)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${what}; saw ${JSON.stringify(seen)}`)),
          timeoutMs,
        );
        waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

/** A proxy in front of the Redis at `url`, and the URL that goes through it. */
async function proxyTo(url: string) {
  const target = new URL(url);
  const proxy = await startTcpProxy({
    host: target.hostname.replace(/^\[|\]$/g, ''),
    port: Number(target.port || 6379),
  });
  const through = new URL(url);
  through.hostname = '127.0.0.1';
  through.port = String(proxy.port);
  return Object.assign(proxy, { url: through.href });
}

describeWithServices([redis], 'Redis change bus', () => {
  // A channel of this run's own, so that parallel runs on one Redis never hear each other.
  const channel = `rampart:test:${randomBytes(6).toString('hex')}`;
  runBusContract({ name: 'Redis', connect: () => createRedisBus({ url: redis.url, channel }) });

  it('ignores what is not a change message on its channel', async () => {
    const bus = await createRedisBus({ url: redis.url, channel });
    const received = signal<ChangeMessage>();
    bus.subscribe({ change: (message) => received.push(message) });
    const { Redis } = await import('ioredis');
    const raw = new Redis(redis.url);
    try {
      for (const text of [
        'not json',
        '{"environment":1,"version":2}',
        '{"environment":"e","version":-1}',
        '{"environment":"e","version":1.5}',
        'null',
      ]) {
        await raw.publish(channel, text);
      }
      await raw.publish(channel, '{"environment":"e","version":7,"extra":true}');
      await received.until(() => true, 'a message');
      expect(received.seen).toEqual([{ environment: 'e', version: 7 }]);
    } finally {
      raw.disconnect();
      await bus.close();
    }
  });

  // The proxy speaks plain TCP, so a TLS (rediss:) Redis cannot be reached through it.
  it.skipIf(new URL(redis.url).protocol !== 'redis:')(
    'resends, once its own connection is back, the newest change per environment it could not send',
    async () => {
      const target = new URL(redis.url);
      const proxy = await startTcpProxy({
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: Number(target.port || 6379),
      });
      const through = new URL(redis.url);
      through.hostname = '127.0.0.1';
      through.port = String(proxy.port);
      const statesOfA = signal<BusState>();
      const a = await createRedisBus({
        url: through.href,
        channel,
        maxReconnectDelayMs: 100,
        onStateChange: (state) => statesOfA.push(state),
      });
      // B stays connected throughout: only A is cut off, as in a partition of one instance.
      const b = await createRedisBus({ url: redis.url, channel });
      const received = signal<ChangeMessage>();
      b.subscribe({ change: (message) => received.push(message) });
      try {
        proxy.cut();
        await statesOfA.until((state) => state === 'disconnected', 'A cut off');
        await a.publish({ environment: 'production', version: 2 });
        await a.publish({ environment: 'production', version: 3 });
        await a.publish({ environment: 'staging', version: 8 });
        expect(received.seen).toEqual([]);

        proxy.restore();
        await received.until((m) => m.environment === 'staging', 'the staging change');
        await statesOfA.until(
          (state) => state === 'connected',
          'A connected again',
          statesOfA.seen.indexOf('disconnected'),
        );
        expect(received.seen).toEqual([
          { environment: 'production', version: 3 },
          { environment: 'staging', version: 8 },
        ]);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await proxy.close();
      }
    },
  );

  it('never hands on a password: a refused AUTH is reported by its message and code alone', async () => {
    const url = new URL(redis.url);
    url.username = 'nobody';
    url.password = 'not-for-logs';
    const errors: Error[] = [];
    const bus = await createRedisBus({
      url: url.href,
      channel,
      connectTimeoutMs: 300,
      maxReconnectDelayMs: 100,
      onConnectionError: (error) => errors.push(error),
    });
    try {
      // No such user: Redis refuses AUTH, and ioredis hangs the command (with its args) on the error.
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(Object.keys(error)).not.toContain('command');
        expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('not-for-logs');
      }
    } finally {
      await bus.close();
    }
  });

  it.skipIf(new URL(redis.url).protocol !== 'redis:')(
    'starts while Redis cannot be reached, says why, keeps trying and connects once it can',
    async () => {
      const proxy = await proxyTo(redis.url);
      await proxy.set('refuse');
      const errors: string[] = [];
      const states = signal<BusState>();
      const bus = await createRedisBus({
        url: proxy.url,
        channel,
        connectTimeoutMs: 200,
        maxReconnectDelayMs: 50,
        onConnectionError: (error) => errors.push(error.message),
        onStateChange: (state) => states.push(state),
      });
      try {
        expect(bus.state).toBe('connecting');
        expect(errors.join('\n')).toMatch(/ECONNREFUSED/);
        // Its own listeners hear a change even so.
        const heard = signal<ChangeMessage>();
        bus.subscribe({ change: (message) => heard.push(message) });
        await expect(bus.publish({ environment: 'e', version: 1 })).resolves.toBeUndefined();
        expect(heard.seen).toEqual([{ environment: 'e', version: 1 }]);
        await proxy.set('pass');
        await states.until((state) => state === 'connected', 'connected once Redis can be reached');
      } finally {
        await bus.close();
        await proxy.close();
      }
    },
  );

  it.skipIf(new URL(redis.url).protocol !== 'redis:')(
    'does not wait on a Redis that stalls: publish returns within the command timeout, the outage shows and heals',
    async () => {
      const proxy = await proxyTo(redis.url);
      const statesOfA = signal<BusState>();
      const options = {
        channel,
        commandTimeoutMs: 200,
        heartbeatMs: 100,
        connectTimeoutMs: 300,
        maxReconnectDelayMs: 100,
      };
      const a = await createRedisBus({ url: proxy.url, ...options, onStateChange: (state) => statesOfA.push(state) });
      const b = await createRedisBus({ url: redis.url, channel });
      const onB = signal<ChangeMessage>();
      b.subscribe({ change: (message) => onB.push(message) });
      try {
        await proxy.set('stall');
        // Not a hang: the command timeout bounds the publish (here 200 ms; a hang would time the test out).
        await a.publish({ environment: 'production', version: 5 });
        await statesOfA.until((state) => state === 'disconnected', 'the stall noticed by the heartbeat');
        expect(onB.seen).toEqual([]);
        await proxy.set('pass');
        await statesOfA.until(
          (state) => state === 'connected',
          'connected again',
          statesOfA.seen.indexOf('disconnected'),
        );
        // What could not be sent during the stall is sent once the connection is back.
        await onB.until((m) => m.version === 5, 'the change held during the stall');
      } finally {
        await Promise.all([a.close(), b.close()]);
        await proxy.close();
      }
    },
  );
});

describeWithServices([findRedisServer()], 'Redis change bus while Redis is away', () => {
  let server: RedisServer | undefined;
  const buses: ChangeBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reports the outage, tells its own listeners at once, and asks listeners to resync once back', async () => {
    server = await startRedisServer();
    const states = signal<BusState>();
    const statesOfA = signal<BusState>();
    const a = await createRedisBus({
      url: server.url,
      maxReconnectDelayMs: 100,
      onStateChange: (state) => statesOfA.push(state),
    });
    const b = await createRedisBus({
      url: server.url,
      maxReconnectDelayMs: 100,
      onStateChange: (state) => states.push(state),
    });
    buses.push(a, b);
    const received = signal<ChangeMessage>();
    const resyncs = signal<number>();
    b.subscribe({ change: (message) => received.push(message), resync: () => resyncs.push(Date.now()) });
    const onA = signal<ChangeMessage>();
    a.subscribe({ change: (message) => onA.push(message) });
    await a.publish({ environment: 'production', version: 1 });
    await received.until((m) => m.version === 1, 'version 1');

    await server.stop();
    await states.until((state) => state === 'disconnected', 'disconnected');
    expect(b.state).toBe('disconnected');
    // Sent while Redis is away: kept, newest version per environment, and never a rejection.
    await expect(a.publish({ environment: 'production', version: 2 })).resolves.toBeUndefined();
    await a.publish({ environment: 'production', version: 3 });
    await a.publish({ environment: 'staging', version: 8 });
    expect(resyncs.seen).toEqual([]);
    // The publisher's own listeners hear at once; the other instance cannot yet.
    expect(onA.seen.map((m) => m.version)).toEqual([1, 2, 3, 8]);
    expect(received.seen.map((m) => m.version)).toEqual([1]);

    const [marksOfB, marksOfA] = [states.seen.length, statesOfA.seen.length];
    await server.start();
    await resyncs.until(() => true, 'a resync');
    await states.until((state) => state === 'connected', 'connected again', marksOfB);
    await statesOfA.until((state) => state === 'connected', 'the publisher connected again', marksOfA);
    // What was sent before B subscribed again may be lost on the wire: the resync is what
    // recovers it, by rereading the store. From then on messages flow again.
    await a.publish({ environment: 'production', version: 4 });
    await received.until((m) => m.environment === 'production' && m.version === 4, 'a message after the outage');
    expect(resyncs.seen).toHaveLength(1);
    expect(b.state).toBe('connected');
    expect(a.state).toBe('connected');
  });
});
