import { Redis } from 'ioredis';
import { notifyAll, type BusListener, type BusState, type ChangeBus, type ChangeMessage } from './bus.js';

export interface RedisBusOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** The pub/sub channel: one per deployment, shared by all its instances. */
  channel?: string;
  /** Told when a listener throws; the other listeners still hear. */
  onListenerError?: (error: unknown) => void;
  /** Told on every change of {@link ChangeBus.state}, for logs and metrics. */
  onStateChange?: (state: BusState) => void;
  /** The longest wait between reconnection attempts, in milliseconds. */
  maxReconnectDelayMs?: number;
}

export const DEFAULT_REDIS_CHANNEL = 'rampart:changes';

/**
 * A change bus over Redis pub/sub, for several instances behind one address. It keeps two
 * connections, because a Redis connection that subscribes can do nothing else: one publishes,
 * one listens.
 *
 * Nothing is lost for good while Redis is away. Messages only carry `{ environment, version }`,
 * so a message that could not be sent goes straight to this instance's own listeners and is
 * kept (the newest version per environment) for the others, sent when the publishing
 * connection is back; and when the listening connection is back and
 * subscribed again, every listener is told to `resync`, since it may have missed messages from
 * other instances meanwhile. `publish` never rejects.
 *
 * `state` is `connecting` until both connections first work, `connected` while they do,
 * `disconnected` while either is lost (it keeps retrying) and after `close`.
 *
 * @example
 * const bus = await createRedisBus({ url: 'redis://redis:6379' });
 * bus.subscribe({ change: ({ environment, version }) => refresh(environment, version), resync: refreshAll });
 * await bus.publish({ environment: 'production', version: 42 });
 */
export async function createRedisBus(options: RedisBusOptions): Promise<ChangeBus> {
  const {
    url,
    channel = DEFAULT_REDIS_CHANNEL,
    onListenerError = () => undefined,
    onStateChange = () => undefined,
    maxReconnectDelayMs = 2_000,
  } = options;
  const connection = {
    lazyConnect: true,
    // A command while disconnected fails at once instead of waiting in a queue: the bus keeps
    // what it must resend itself, newest version only.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Resubscribing is done here, so that `resync` is called only once the subscription holds.
    autoResubscribe: false,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), maxReconnectDelayMs),
  };
  const publisher = new Redis(url, { ...connection, connectionName: 'rampart-publisher' });
  const subscriber = new Redis(url, { ...connection, connectionName: 'rampart-subscriber' });
  const listeners = new Set<BusListener>();
  /** Messages that could not be sent, newest version per environment. */
  const unsent = new Map<string, number>();
  let subscribed = false;
  let everConnected = false;
  let closed = false;
  let reported: BusState = 'connecting';

  const currentState = (): BusState => {
    if (closed) return 'disconnected';
    if (publisher.status === 'ready' && subscriber.status === 'ready' && subscribed) return 'connected';
    return everConnected ? 'disconnected' : 'connecting';
  };
  const report = () => {
    const state = currentState();
    if (state === 'connected') everConnected = true;
    if (state !== reported) {
      reported = state;
      onStateChange(state);
    }
  };

  const send = async (message: ChangeMessage): Promise<boolean> => {
    try {
      await publisher.publish(channel, JSON.stringify({ environment: message.environment, version: message.version }));
      return true;
    } catch {
      return false;
    }
  };
  const keepUnsent = ({ environment, version }: ChangeMessage) => {
    if ((unsent.get(environment) ?? -1) < version) unsent.set(environment, version);
  };
  const flushUnsent = async () => {
    for (const [environment, version] of [...unsent]) {
      unsent.delete(environment);
      if (!(await send({ environment, version }))) keepUnsent({ environment, version });
    }
  };

  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const message = parseMessage(text);
    if (message === undefined) return;
    notifyAll(listeners, (listener) => listener.change(message), onListenerError);
  });
  subscriber.on('close', () => {
    subscribed = false;
    report();
  });
  subscriber.on('ready', () => {
    // The first connection subscribes below, before the bus is handed out.
    if (subscribed || closed || !everConnected) return;
    const isReconnect = everConnected;
    subscriber.subscribe(channel).then(
      () => {
        subscribed = true;
        report();
        // Messages from other instances may have passed while this one was not listening.
        if (isReconnect) notifyAll(listeners, (listener) => listener.resync?.(), onListenerError);
      },
      // The connection dropped again before the subscription held; its next 'ready' retries.
      () => undefined,
    );
  });
  publisher.on('close', report);
  publisher.on('ready', () => {
    report();
    void flushUnsent();
  });
  // Connection errors are retried by ioredis and show in `state`; without listeners they would
  // be printed on every attempt.
  publisher.on('error', () => undefined);
  subscriber.on('error', () => undefined);

  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(channel);
    subscribed = true;
    report();
  } catch (error) {
    closed = true;
    publisher.disconnect();
    subscriber.disconnect();
    throw error;
  }

  return {
    get state() {
      return currentState();
    },
    async publish(message) {
      if (closed) return;
      if (await send(message)) return;
      keepUnsent(message);
      // This instance's own listeners need no Redis to hear of its own change.
      const copy = { environment: message.environment, version: message.version };
      notifyAll(listeners, (listener) => listener.change(copy), onListenerError);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      await Promise.all([
        publisher.quit().catch(() => publisher.disconnect()),
        subscriber.quit().catch(() => subscriber.disconnect()),
      ]);
      report();
    },
  };
}

/** A message from the channel, or `undefined` for anything that is not one (ignored). */
function parseMessage(text: string): ChangeMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const environment: unknown = Reflect.get(value, 'environment');
  const version: unknown = Reflect.get(value, 'version');
  if (typeof environment !== 'string' || typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0)
    return undefined;
  return { environment, version };
}
