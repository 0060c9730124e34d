import { randomBase64Url, type RandomSource } from '../base/random.js';
import type { AuditEntry, NewWebhookDelivery, StoreWriter, WebhookRecord } from '../store/store.js';
import { chooses, eventOf } from './events.js';

/**
 * The webhooks that receive `entry`'s event: enabled ones whose `events` choose its type and
 * whose `environments` include its environment (an entry of no environment, such as a new
 * segment, goes to every webhook that chose its type).
 *
 * @example
 * subscribers(await tx.listWebhooks(), entry);
 */
export function subscribers(webhooks: readonly WebhookRecord[], entry: AuditEntry): WebhookRecord[] {
  return webhooks.filter(
    (webhook) =>
      webhook.enabled &&
      chooses(webhook.events, entry.action) &&
      (entry.environment === undefined ||
        webhook.environments === null ||
        webhook.environments.includes(entry.environment)),
  );
}

/**
 * Queues `entry`'s event for each of `webhooks` that receives it, in the transaction `tx` of
 * the change itself: the event is sent if and only if the change commits, and sending never
 * delays or fails the change (the webhooks' dispatcher sends it afterwards).
 *
 * @example
 * await queueEvents(change.tx, entry, await change.tx.listWebhooks(), random);
 */
export async function queueEvents(
  tx: StoreWriter,
  entry: AuditEntry,
  webhooks: readonly WebhookRecord[],
  random: RandomSource,
): Promise<NewWebhookDelivery[]> {
  const receivers = subscribers(webhooks, entry);
  if (receivers.length === 0) return [];
  const payload = eventOf(entry);
  const deliveries = receivers.map((webhook): NewWebhookDelivery => ({
    id: newMessageId(random),
    webhookId: webhook.id,
    eventType: entry.action,
    payload,
    status: 'pending',
    attempts: [],
    earlierAttempts: 0,
    nextAttemptAt: entry.at,
    leaseUntil: null,
    createdAt: entry.at,
    updatedAt: entry.at,
  }));
  await tx.insertDeliveries(deliveries);
  return deliveries;
}

/**
 * A delivery's id, `msg_` and 128 random bits: the `webhook-id` a receiver deduplicates by.
 *
 * @example
 * newMessageId(cryptoRandom); // 'msg_q2Vf…'
 */
export function newMessageId(random: RandomSource): string {
  return `msg_${randomBase64Url(random, 16)}`;
}
