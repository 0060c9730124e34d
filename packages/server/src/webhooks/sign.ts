import { Webhook } from 'standardwebhooks';
import type { RandomSource } from '../base/random.js';

/** The headers of a signed message, as the Standard Webhooks specification names them. */
export interface SignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * A new signing secret: `whsec_` and 32 random bytes in base64, the form every Standard
 * Webhooks library reads.
 *
 * @example
 * newSigningSecret(cryptoRandom); // 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
 */
export function newSigningSecret(random: RandomSource): string {
  let binary = '';
  for (const byte of random(new Uint8Array(32))) binary += String.fromCharCode(byte);
  return `whsec_${btoa(binary)}`;
}

/**
 * Signs `body` as message `id` sent at `at`, with the `standardwebhooks` library: HMAC-SHA256 of
 * `id.timestamp.body`, which receivers verify with the same library in any language.
 *
 * @example
 * const headers = signMessage(webhook.secret, 'msg_2Kw…', new Date(), body);
 * new Webhook(webhook.secret).verify(body, headers); // the receiver's side
 */
export function signMessage(secret: string, id: string, at: Date, body: string): SignatureHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}
