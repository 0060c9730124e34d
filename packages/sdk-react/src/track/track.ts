import type { FlagStore } from '@rampart/sdk-react';
import { webPlatform } from '@rampart/core/stream';

/** How long a track request may take before it is abandoned. */
export const TRACK_TIMEOUT_MS = 10_000;

/**
 * Tells the server that `event` (an error, say) happened to the store's current context:
 * `POST /api/v1/client/track` with the client key and the context that the store reads flags
 * for. The server puts the event in the arm of each guarded release plan that watches it.
 * Fire and forget: it returns at once, never throws, gives up after {@link TRACK_TIMEOUT_MS},
 * and does nothing without a store or outside a browser.
 *
 * @example
 * track(store, 'checkout-error');
 */
export function track(store: FlagStore | null | undefined, event: string): void {
  try {
    if (!store || typeof event !== 'string' || typeof window === 'undefined') return;
    const { url, clientKey, context, platform = webPlatform() } = store.connection();
    const controller = platform.createAbortController();
    const timer = platform.setTimeout(() => controller.abort(), TRACK_TIMEOUT_MS);
    platform
      .fetch(`${url.replace(/\/+$/, '')}/api/v1/client/track`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
        // The context exactly as the store sends it to /client/stream.
        body: `{"event":${JSON.stringify(event)},"context":${context}}`,
        signal: controller.signal,
      })
      .then((response) => response.text())
      .catch(() => undefined)
      .finally(() => platform.clearTimeout(timer));
  } catch {
    // No fetch or timers: nothing is sent, and the caller goes on.
  }
}
