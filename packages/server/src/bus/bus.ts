/**
 * The change bus: how every instance learns that an environment has a new version. Messages
 * carry only `{ environment, version }`; what changed is read from the store, so a message that
 * is lost, late or duplicated can never lose or duplicate a change — at worst a subscriber
 * rereads the store (`resync`) and finds it up to date.
 */

export interface ChangeMessage {
  readonly environment: string;
  readonly version: number;
}

export type BusState = 'connected' | 'connecting' | 'disconnected';

export interface BusListener {
  /** An environment reached `version` (on this instance or another one). */
  change(message: ChangeMessage): void;
  /** Messages may have been lost (the bus was away and is back): reread the store. */
  resync?(): void;
}

export interface ChangeBus {
  /**
   * Tells every subscriber of every connected instance, this one included. Never rejects:
   * a message that cannot be sent is recovered by the subscribers' resync.
   */
  publish(message: ChangeMessage): Promise<void>;
  /** Returns the unsubscribe. A listener that throws does not disturb the others. */
  subscribe(listener: BusListener): () => void;
  readonly state: BusState;
  close(): Promise<void>;
}

/** Calls each listener in turn; one that throws is reported and the rest still hear. */
export function notifyAll(
  listeners: Iterable<BusListener>,
  call: (listener: BusListener) => void,
  onError: (error: unknown) => void,
): void {
  for (const listener of [...listeners]) {
    try {
      call(listener);
    } catch (error) {
      onError(error);
    }
  }
}
