import { createPeriodic } from '../base/periodic.js';
import type { MetricsRegistry } from '../metrics/registry.js';
import type { WriteDeps } from '../change/write-deps.js';
import type { WebhookDeliveryRecord } from '../store/store.js';
import { deliveryRequest, recordAttempt, type Send } from './deliver.js';
import { disableWebhook } from './webhook-writes.js';

/** How often each instance looks for due deliveries, by default. */
export const POLL_INTERVAL_MS = 500;
/** How long delivered and failed deliveries are kept (for `GET …/deliveries` and redelivery). */
export const RETENTION_MS = 30 * 24 * 3_600_000;
/** How often an instance deletes what is older than that. */
const PRUNE_EVERY_MS = 3_600_000;

export interface DispatcherOptions {
  /** Sends a request within its own bound and never throws (outbound/send-request.ts). */
  send: Send;
  /** The sender's bound on one request; a claim lasts twice this and a little more. */
  timeoutMs: number;
  /** This server's version, for the `user-agent`. */
  version: string;
  /** The most requests this instance has under way at once; default 32. */
  batchSize?: number;
  /** The most requests under way to one webhook at once; default 4. */
  perWebhook?: number;
  /** Where the attempts, the webhooks disabled and the requests under way are counted for `/metrics`. */
  metrics?: MetricsRegistry | undefined;
}

export interface WebhookDispatcher {
  /** Claims what is due now and there is room for, sends it, and resolves, with how many were claimed, once those are recorded. */
  tick(): Promise<number>;
  /** Claims what is due every `intervalMs`, on a timer that does not keep the process alive, without waiting for earlier requests to finish. */
  start(intervalMs?: number): void;
  /** Stops the timer and waits for the requests under way. */
  stop(): Promise<void>;
}

/**
 * Sends the webhooks' outbox. Every instance runs one over the same store: a delivery is
 * claimed (leased) in a transaction before it is sent, so each is sent by one instance; a
 * claim whose instance died runs out and another instance sends it (at least once: a receiver
 * may see an event twice, with the same `webhook-id`, and deduplicates by it). Failures are
 * retried on the schedule of `retry-schedule.ts`; a delivery that fails every attempt
 * disables its webhook, saying why, in an audited change. Requests run side by side, a few at
 * most per webhook, so that a slow receiver holds up only its own events. Delivered and failed
 * deliveries are deleted after {@link RETENTION_MS}.
 *
 * @example
 * const dispatcher = createWebhookDispatcher(deps, { send: createSender(options), timeoutMs: 10_000, version });
 * dispatcher.start();
 */
export function createWebhookDispatcher(deps: WriteDeps, options: DispatcherOptions): WebhookDispatcher {
  const slots = options.batchSize ?? 32;
  const perWebhook = options.perWebhook ?? 4;
  // Long enough for the send to finish and its outcome to be written before anyone else may claim it.
  const leaseMs = 2 * options.timeoutMs + 5_000;
  // What this instance is sending, by webhook: a slow receiver holds its own slots, not the others'.
  const sending = new Map<string, number>();
  const underWay = new Set<Promise<void>>();
  const attempts = options.metrics?.counter(
    'rampart_webhook_attempts_total',
    'Attempts to deliver a webhook event, by outcome (delivered: the receiver answered 2xx; failed: anything else)',
  );
  const disabled = options.metrics?.counter(
    'rampart_webhooks_disabled_total',
    'Webhooks disabled because a delivery failed every attempt (alert on any increase)',
  );
  options.metrics?.collected(
    'rampart_webhook_requests_in_flight',
    'Webhook requests this instance has under way',
    () => [[{}, underWay.size]],
  );

  const claim = async (): Promise<WebhookDeliveryRecord[]> => {
    const room = slots - underWay.size;
    const now = deps.clock.now();
    if (room <= 0 || !(await deps.store.hasDueDeliveries(now.toISOString()))) return [];
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const busy = [...sending].filter(([, count]) => count >= perWebhook).map(([id]) => id);
    const claimed = await deps.store.transaction((tx) =>
      tx.claimDueDeliveries(now.toISOString(), leaseUntil, room, busy),
    );
    // At most `perWebhook` of one webhook's deliveries go now; the rest are released for the next poll.
    const taken: WebhookDeliveryRecord[] = [];
    const counts = new Map(sending);
    const released: WebhookDeliveryRecord[] = [];
    for (const delivery of claimed) {
      const count = counts.get(delivery.webhookId) ?? 0;
      if (count >= perWebhook) released.push(delivery);
      else {
        counts.set(delivery.webhookId, count + 1);
        taken.push(delivery);
      }
    }
    if (released.length > 0)
      await deps.store.transaction(async (tx) => {
        for (const delivery of released) await tx.updateDelivery({ ...delivery, leaseUntil: null });
      });
    return taken;
  };

  /** Starts sending each claimed delivery, keeping count of what is under way. */
  const dispatch = (claimed: readonly WebhookDeliveryRecord[]): Promise<void>[] =>
    claimed.map((delivery) => {
      sending.set(delivery.webhookId, (sending.get(delivery.webhookId) ?? 0) + 1);
      const sent: Promise<void> = sendOne(delivery)
        .catch((error: unknown) =>
          // The claim runs out and the delivery is sent again: at least once.
          deps.logger.warn({ err: error }, 'could not record a webhook delivery; it will be sent again'),
        )
        .finally(() => {
          underWay.delete(sent);
          const left = (sending.get(delivery.webhookId) ?? 1) - 1;
          if (left === 0) sending.delete(delivery.webhookId);
          else sending.set(delivery.webhookId, left);
        });
      underWay.add(sent);
      return sent;
    });

  const sendOne = async (claimed: WebhookDeliveryRecord): Promise<void> => {
    const webhook = await deps.store.getWebhook(claimed.webhookId);
    if (webhook === undefined) return; // deleted with its deliveries meanwhile
    if (!webhook.enabled) {
      // Disabled after the claim: nothing is sent, and the delivery waits to be enabled.
      await deps.store.transaction((tx) => tx.updateDelivery({ ...claimed, leaseUntil: null }));
      return;
    }
    const startedAt = deps.clock.now();
    const result = await options.send(deliveryRequest(webhook, claimed, startedAt, options.version));
    const { delivery, disable } = recordAttempt(claimed, result, startedAt, deps.clock, deps.random);
    const recorded = await deps.store.transaction(async (tx) => {
      // Only the holder of the claim records: after a claim ran out, another instance owns it.
      const current = await tx.getDelivery(claimed.id);
      if (current?.leaseUntil !== claimed.leaseUntil) return false;
      await tx.updateDelivery(delivery);
      return true;
    });
    if (!recorded) return;
    attempts?.inc({ outcome: result.ok ? 'delivered' : 'failed' });
    if (result.ok) return;
    deps.logger.warn(
      { webhook: webhook.id, delivery: claimed.id, attempt: delivery.attempts.length, error: result.error },
      'a webhook delivery failed',
    );
    if (disable !== undefined) {
      await disableWebhook(deps, webhook.id, disable);
      disabled?.inc();
    }
  };

  let prunedAt = Number.NEGATIVE_INFINITY;
  const prune = async (): Promise<void> => {
    const now = deps.clock.now().getTime();
    if (now - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now;
    const before = new Date(now - RETENTION_MS).toISOString();
    await deps.store.transaction((tx) => tx.pruneDeliveries(before));
  };

  const poll = async (): Promise<number> => {
    await prune();
    const claimed = await claim();
    dispatch(claimed);
    return claimed.length;
  };
  const periodic = createPeriodic(poll, (error) =>
    deps.logger.warn({ err: error }, 'the webhook dispatcher could not claim deliveries'),
  );
  return {
    async tick() {
      const claimed = await claim();
      await Promise.all(dispatch(claimed));
      return claimed.length;
    },
    start: (intervalMs = POLL_INTERVAL_MS) => periodic.start(intervalMs),
    async stop() {
      await periodic.stop();
      await Promise.all([...underWay]);
    },
  };
}
