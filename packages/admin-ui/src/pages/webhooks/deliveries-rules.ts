import type { Schemas } from '../../api.js';

type Delivery = Schemas['Delivery'];

/**
 * Why the delivery's latest attempt failed: the sender's error (a timeout, a refused
 * connection), else the receiver's status when it was not 2xx; `undefined` when it has not
 * been tried or its latest attempt succeeded.
 *
 * @example
 * lastError({ attempts: [{ at, durationMs: 12, status: 503 }] }); // 'HTTP 503'
 */
export function lastError(delivery: Pick<Delivery, 'attempts'>): string | undefined {
  const attempt = delivery.attempts.at(-1);
  if (attempt === undefined) return undefined;
  if (attempt.error !== undefined) return attempt.error;
  if (attempt.status !== undefined && (attempt.status < 200 || attempt.status >= 300)) return `HTTP ${attempt.status}`;
  return undefined;
}

const STATUS_TEXT: Record<Delivery['status'], string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** The delivery's status in words. */
export function deliveryStatus(delivery: Pick<Delivery, 'status'>): string {
  return STATUS_TEXT[delivery.status];
}
