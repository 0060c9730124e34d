import type { Clock } from '../base/clock.js';
import type { RandomSource } from '../base/random.js';
import type { OutboundRequest, OutboundResult } from '../outbound/index.js';
import type { DeliveryAttempt, WebhookDeliveryRecord, WebhookRecord } from '../store/store.js';
import { MAX_ATTEMPTS, nextAttemptAt } from './retry-schedule.js';
import { signMessage } from './sign.js';
import { slackMessage } from './slack-message.js';

/** Sends one request; never throws (outbound/send-request.ts). */
export type Send = (request: OutboundRequest) => Promise<OutboundResult>;

/**
 * The request that carries `delivery` to `webhook`: the event in the webhook's format, signed.
 * Every format is signed, so that a receiver that can verify does.
 *
 * @example
 * const request = deliveryRequest(webhook, delivery, clock.now(), '0.1.0');
 */
export function deliveryRequest(
  webhook: WebhookRecord,
  delivery: WebhookDeliveryRecord,
  at: Date,
  version: string,
): OutboundRequest {
  const body = JSON.stringify(webhook.format === 'slack' ? slackMessage(delivery.payload) : delivery.payload);
  return {
    url: webhook.url,
    headers: {
      'content-type': 'application/json',
      'user-agent': `Rampart/${version}`,
      ...signMessage(webhook.secret, delivery.id, at, body),
    },
    body,
  };
}

/** A delivery after one attempt, and, when it was the last one allowed and failed, why the webhook stops. */
export interface AttemptOutcome {
  delivery: WebhookDeliveryRecord;
  /** Set when this failure used up the delivery's attempts: the webhook is to be disabled, for this reason. */
  disable?: string | undefined;
}

/**
 * Records one attempt's `result` in `delivery`: delivered; or pending again at the next time
 * of the retry schedule; or, after the last attempt, failed, with the reason to disable the
 * webhook.
 *
 * @example
 * const { delivery: next, disable } = recordAttempt(delivery, result, startedAt, clock, random);
 */
export function recordAttempt(
  delivery: WebhookDeliveryRecord,
  result: OutboundResult,
  startedAt: Date,
  clock: Clock,
  random: RandomSource,
): AttemptOutcome {
  const now = clock.now();
  const attempt: DeliveryAttempt = {
    at: startedAt.toISOString(),
    durationMs: Math.round(result.durationMs),
    ...(result.status === undefined ? {} : { status: result.status }),
    ...(result.ok ? {} : { error: result.error }),
  };
  const attempts = [...delivery.attempts, attempt];
  const base = { ...delivery, attempts, leaseUntil: null, updatedAt: now.toISOString() };
  if (result.ok) return { delivery: { ...base, status: 'delivered', nextAttemptAt: null } };
  // A redelivery starts a new run of attempts, with the whole schedule before it.
  const failedInRun = attempts.length - delivery.earlierAttempts;
  const next = failedInRun < MAX_ATTEMPTS ? nextAttemptAt(failedInRun, now, random) : undefined;
  if (next !== undefined) return { delivery: { ...base, status: 'pending', nextAttemptAt: next.toISOString() } };
  const first = attempts[attempts.length - failedInRun]?.at ?? attempt.at;
  return {
    delivery: { ...base, status: 'failed', nextAttemptAt: null },
    disable:
      `${failedInRun} attempts to deliver ${delivery.id} (${delivery.eventType}) failed between ${first} and ` +
      `${attempt.at}; the last: ${result.error}`,
  };
}
