import { randomUUID } from 'node:crypto';
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
  /** Told why a connection attempt or a command failed (each distinct message once in a row), for logs. */
  onConnectionError?: (error: Error) => void;
  /** The longest wait between reconnection attempts, in milliseconds; default 2 000. */
  maxReconnectDelayMs?: number;
  /** How long a connection attempt may take, the ready check included; default 2 000 ms. */
  connectTimeoutMs?: number;
  /**
   * How long any command (a publish, a ping) may go unanswered before it fails and the
   * connection is dropped and opened again; default 1 000 ms.
   */
  commandTimeoutMs?: number;
  /** How often each connection is pinged, so that one that stalls without closing is noticed; default 1 000 ms. */
  heartbeatMs?: number;
}

export const DEFAULT_REDIS_CHANNEL = 'rampart:changes';

/** The bounds every call to Redis has unless configured otherwise (docs/scale-out.md). */
export const DEFAULT_REDIS_TIMEOUTS = { connectTimeoutMs: 2_000, commandTimeoutMs: 1_000 } as const;

/**
 * A change bus over Redis pub/sub, for several instances behind one address. It is a hint,
 * never the truth: a write is acknowledged once the store has it, every instance also polls the
 * store's versions (see `delivery/environment-cache.ts`), and the bus only makes the news
 * travel in milliseconds instead of within the poll interval.
 *
 * It keeps two connections, because a Redis connection that subscribes can do nothing else:
 * one publishes, one listens. Every call is bounded: a connection attempt by
 * `connectTimeoutMs`, every command by `commandTimeoutMs`, and each connection is pinged every
 * `heartbeatMs`, so a Redis that stalls (a paused VM, a partition that sends no reset) is
 * noticed within about two seconds and the connection opened again, instead of waiting on TCP
 * for hours.
 *
 * `publish` tells this instance's own listeners at once (without a round trip through Redis),
 * then sends the message, never rejects and never waits longer than `commandTimeoutMs`. A
 * message that could not be sent is kept, the newest version per environment, and sent when
 * the publishing connection is back; when the listening connection is back and subscribed
 * again, every listener is told to `resync`, since it may have missed messages meanwhile.
 *
 * `state` is `connecting` until both connections first work, `connected` while they do,
 * `disconnected` while either is lost (it keeps retrying) and after `close`. The promise
 * resolves once connected, or after `connectTimeoutMs` with the bus still connecting: an
 * instance can serve without Redis, and the bus keeps trying.
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
    onConnectionError = () => undefined,
    maxReconnectDelayMs = 2_000,
    connectTimeoutMs = DEFAULT_REDIS_TIMEOUTS.connectTimeoutMs,
    commandTimeoutMs = DEFAULT_REDIS_TIMEOUTS.commandTimeoutMs,
    heartbeatMs = 1_000,
  } = options;
  const connection = {
    // A command while disconnected fails at once instead of waiting in a queue: the bus keeps
    // what it must resend itself, newest version only.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Resubscribing is done here, so that `resync` is called only once the subscription holds.
    autoResubscribe: false,
    connectTimeout: connectTimeoutMs,
    // A command unanswered this long fails; with `socketTimeout` the silent socket is destroyed
    // too, and the reconnection below begins.
    commandTimeout: commandTimeoutMs,
    socketTimeout: commandTimeoutMs,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), maxReconnectDelayMs),
  };
  const publisher = new Redis(url, { ...connection, connectionName: 'rampart-publisher' });
  const subscriber = new Redis(url, { ...connection, connectionName: 'rampart-subscriber' });
  // Tells this instance's messages apart when Redis echoes them back: its listeners heard them already.
  const origin = randomUUID();

  const listeners = new Set<BusListener>();
  /** Messages that could not be sent, newest version per environment. */
  const unsent = new Map<string, number>();
  let subscribed = false;
  let everSubscribed = false;
  let everConnected = false;
  let closed = false;
  let reported: BusState = 'connecting';
  let lastError = '';
  let markConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => {
    markConnected = resolve;
  });

  const currentState = (): BusState => {
    if (closed) return 'disconnected';
    if (publisher.status === 'ready' && subscriber.status === 'ready' && subscribed) return 'connected';
    return everConnected ? 'disconnected' : 'connecting';
  };
  const report = () => {
    const state = currentState();
    if (state === 'connected') {
      everConnected = true;
      markConnected();
    }
    if (state !== reported) {
      reported = state;
      onStateChange(state);
    }
  };
  const onError = (error: unknown) => {
    const plain = asError(error);
    if (closed || plain.message === lastError) return;
    lastError = plain.message;
    onConnectionError(plain);
  };
  const send = async (message: ChangeMessage): Promise<boolean> => {
    try {
      await publisher.publish(
        channel,
        JSON.stringify({ environment: message.environment, version: message.version, origin }),
      );
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
  const tell = (message: ChangeMessage) =>
    notifyAll(listeners, (listener) => listener.change(message), onListenerError);

  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const message = parseMessage(text, origin);
    if (message !== undefined) tell(message);
  });
  subscriber.on('close', () => {
    subscribed = false;
    report();
  });
  subscriber.on('ready', () => {
    if (closed) return;
    subscriber.subscribe(channel).then(
      () => {
        subscribed = true;
        lastError = '';
        report();
        // Messages from other instances may have passed while this one was not listening.
        if (everSubscribed) notifyAll(listeners, (listener) => listener.resync?.(), onListenerError);
        everSubscribed = true;
      },
      // The connection dropped again before the subscription held; its next 'ready' retries.
      () => undefined,
    );
  });
  publisher.on('close', report);
  publisher.on('ready', () => {
    lastError = '';
    report();
    void flushUnsent();
  });
  // Connection errors are retried by ioredis and show in `state`; without listeners they would
  // be printed on every attempt.
  publisher.on('error', onError);
  subscriber.on('error', onError);

  // A connection that stalls without closing answers no ping: the ping times out, the socket
  // timeout destroys it, and ioredis connects again. PING is allowed on a subscribed connection.
  const heartbeat = setInterval(() => {
    for (const client of [publisher, subscriber]) {
      if (client.status === 'ready') client.ping().catch(onError);
    }
  }, heartbeatMs);
  heartbeat.unref();

  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    connected,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, connectTimeoutMs);
    }),
  ]);
  clearTimeout(timer);

  return {
    get state() {
      return currentState();
    },
    async publish(message) {
      if (closed) return;
      // This instance's own listeners need no Redis to hear of its own change.
      tell({ environment: message.environment, version: message.version });
      if (!(await send(message))) keepUnsent(message);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      listeners.clear();
      await Promise.all([
        publisher.quit().catch(() => publisher.disconnect()),
        subscriber.quit().catch(() => subscriber.disconnect()),
      ]);
      report();
    },
  };
}

/**
 * The error as a plain one: its message and code only. ioredis hangs the failed command on its
 * errors (`command.args`), and for `AUTH` or `HELLO` those args hold the password, which a
 * logger would print.
 */
function asError(error: unknown): Error {
  const plain = new Error(error instanceof Error ? error.message : String(error));
  if (error instanceof Error && 'code' in error && typeof error.code === 'string')
    Object.assign(plain, { code: error.code });
  return plain;
}

/** A message from the channel, or `undefined` for anything that is not one, or is this instance's own (ignored). */
function parseMessage(text: string, ownOrigin: string): ChangeMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (Reflect.get(value, 'origin') === ownOrigin) return undefined;
  const environment: unknown = Reflect.get(value, 'environment');
  const version: unknown = Reflect.get(value, 'version');
  if (typeof environment !== 'string' || typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0)
    return undefined;
  return { environment, version };
}
