import { createPeriodic } from '../base/periodic.js';
import type { WriteDeps } from '../change/write-deps.js';
import type { WebhookDeliveryRecord } from '../store/store.js';
import { deliveryRequest, recordAttempt, type Send } from './deliver.js';
import { disableWebhook } from './webhook-writes.js';

/** How often each instance looks for due deliveries, by default. */
export const POLL_INTERVAL_MS = 500;

export interface DispatcherOptions {
  /** Sends a request within its own bound and never throws (outbound/send-request.ts). */
  send: Send;
  /** The sender's bound on one request; a claim lasts twice this and a little more. */
  timeoutMs: number;
  /** This server's version, for the `user-agent`. */
  version: string;
  /** The most deliveries claimed, and sent at once, per poll; default 16. */
  batchSize?: number;
}

export interface WebhookDispatcher {
  /** Claims the deliveries due now, sends them all at once, records each attempt; resolves with how many were sent. A tick asked for while one runs is that tick. */
  tick(): Promise<number>;
  /** Ticks every `intervalMs` on a timer that does not keep the process alive. */
  start(intervalMs?: number): void;
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * Sends the webhooks' outbox. Every instance runs one over the same store: a delivery is
 * claimed (leased) in a transaction before it is sent, so each is sent by one instance; a
 * claim whose instance died runs out and another instance sends it (at least once: a receiver
 * may see an event twice, with the same `webhook-id`, and deduplicates by it). Failures are
 * retried on the schedule of `retry-schedule.ts`; a delivery that fails every attempt
 * disables its webhook, saying why, in an audited change.
 *
 * @example
 * const dispatcher = createWebhookDispatcher(deps, { send: createSender(options), timeoutMs: 10_000, version });
 * dispatcher.start();
 */
export function createWebhookDispatcher(deps: WriteDeps, options: DispatcherOptions): WebhookDispatcher {
  const batchSize = options.batchSize ?? 16;
  // Long enough for the send to finish and its outcome to be written before anyone else may claim it.
  const leaseMs = 2 * options.timeoutMs + 5_000;

  const claim = async (): Promise<WebhookDeliveryRecord[]> => {
    const now = deps.clock.now();
    if (!(await deps.store.hasDueDeliveries(now.toISOString()))) return [];
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    return deps.store.transaction((tx) => tx.claimDueDeliveries(now.toISOString(), leaseUntil, batchSize));
  };

  const sendOne = async (claimed: WebhookDeliveryRecord): Promise<void> => {
    const webhook = await deps.store.getWebhook(claimed.webhookId);
    if (webhook === undefined) return; // deleted with its deliveries meanwhile
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
    if (result.ok) return;
    deps.logger.warn(
      { webhook: webhook.id, delivery: claimed.id, attempt: delivery.attempts.length, error: result.error },
      'a webhook delivery failed',
    );
    if (disable !== undefined) await disableWebhook(deps, webhook.id, disable);
  };

  const run = async (): Promise<number> => {
    const claimed = await claim();
    const outcomes = await Promise.allSettled(claimed.map(sendOne));
    for (const outcome of outcomes)
      if (outcome.status === 'rejected')
        // The claim runs out and the delivery is sent again: at least once.
        deps.logger.warn({ err: outcome.reason }, 'could not record a webhook delivery; it will be sent again');
    return claimed.length;
  };

  const periodic = createPeriodic(run, (error) =>
    deps.logger.warn({ err: error }, 'the webhook dispatcher could not claim deliveries'),
  );
  return { ...periodic, start: (intervalMs = POLL_INTERVAL_MS) => periodic.start(intervalMs) };
}
