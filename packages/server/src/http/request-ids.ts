import { randomId, type RandomSource } from '../base/random.js';

/**
 * Request ids for requests that come without one: this process's random prefix and a counter
 * (`k3q9x2mf-1a`), unique across instances with overwhelming probability, and cheaper than a
 * UUID per request.
 *
 * @example
 * app.use('*', requestLogger(logger, createRequestIds(random)));
 */
export function createRequestIds(random: RandomSource): () => string {
  const prefix = randomId(random, 8);
  let count = 0;
  return () => `${prefix}-${(++count).toString(36)}`;
}
