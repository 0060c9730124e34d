import { notifyAll, type BusListener, type BusState, type ChangeBus, type ChangeMessage } from './bus.js';

export interface MemoryHub {
  /** A bus on this hub: every bus connected to one hub hears every other. */
  connect(): ChangeBus;
}

/**
 * An in-process medium for change buses: what one process on SQLite needs, and what tests use
 * to stand for several instances in one process.
 *
 * @example
 * const hub = createMemoryHub();
 * const a = hub.connect();
 * const b = hub.connect();
 * b.subscribe({ change: (m) => console.log(m) });
 * await a.publish({ environment: 'production', version: 7 }); // b hears it
 */
export function createMemoryHub(onListenerError: (error: unknown) => void = () => undefined): MemoryHub {
  const buses = new Set<{ listeners: Set<BusListener> }>();
  return {
    connect(): ChangeBus {
      const connection = { listeners: new Set<BusListener>() };
      let state: BusState = 'connected';
      buses.add(connection);
      return {
        get state() {
          return state;
        },
        async publish(message: ChangeMessage) {
          const copy = { environment: message.environment, version: message.version };
          for (const bus of [...buses]) notifyAll(bus.listeners, (listener) => listener.change(copy), onListenerError);
        },
        subscribe(listener) {
          connection.listeners.add(listener);
          return () => void connection.listeners.delete(listener);
        },
        async close() {
          state = 'disconnected';
          buses.delete(connection);
          connection.listeners.clear();
        },
      };
    },
  };
}

/** A bus for one process. */
export function createMemoryBus(onListenerError?: (error: unknown) => void): ChangeBus {
  return createMemoryHub(onListenerError).connect();
}
