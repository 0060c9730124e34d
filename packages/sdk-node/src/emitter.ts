type Listener<T> = (payload: T) => void;

export interface Emitter<Events> {
  /** Returns the unsubscribe. */
  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void;
  emit<K extends keyof Events>(name: K, payload: Events[K]): void;
  clear(): void;
}

/**
 * A typed event channel. A listener that throws is isolated: the others still hear, and the
 * SDK goes on, because application code must never be able to break flag delivery.
 *
 * @example
 * const events = createEmitter<{ change: { flags: string[] } }>();
 * const off = events.on('change', ({ flags }) => console.log(flags));
 */
export function createEmitter<Events>(): Emitter<Events> {
  let listeners: { [K in keyof Events]?: Set<Listener<Events[K]>> } = {};
  return {
    on(name, listener) {
      const set = listeners[name] ?? new Set();
      set.add(listener);
      listeners[name] = set;
      return () => void set.delete(listener);
    },
    emit(name, payload) {
      for (const listener of [...(listeners[name] ?? [])]) {
        try {
          listener(payload);
        } catch {
          // The application's listener failed; delivery goes on.
        }
      }
    },
    clear() {
      listeners = {};
    },
  };
}
