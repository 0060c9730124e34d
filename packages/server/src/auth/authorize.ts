import type { MiddlewareHandler } from 'hono';
import { RampartError } from '../base/errors.js';
import type { KeyKind } from '../store/store.js';
import { authenticate } from './authenticate.js';
import type { KeyCache } from './key-cache.js';
import type { AppEnv } from './principal.js';

interface Area {
  prefix: string;
  kinds: readonly KeyKind[];
  /** Browsers' `EventSource` cannot set headers, so client routes also read `?key=`. */
  queryKey: boolean;
}

// The key table of the HTTP API, most specific prefix first.
const AREAS: readonly Area[] = [
  { prefix: '/api/v1/sdk/', kinds: ['server'], queryKey: false },
  { prefix: '/api/v1/client/', kinds: ['client'], queryKey: true },
  { prefix: '/ofrep/', kinds: ['client', 'server'], queryKey: false },
  { prefix: '/api/v1/', kinds: ['admin'], queryKey: false },
];

/**
 * Middleware for `/api/v1/*` and `/ofrep/*`: 401 without a live key, 403 when the key's kind may not use the
 * route's area; otherwise puts the {@link Principal} on the context.
 *
 * @example
 * app.use('/api/v1/*', authorize(createKeyCache(store, { now: Date.now })));
 */
export function authorize(
  keys: KeyCache,
  hash?: (text: string) => string | Promise<string>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const area = AREAS.find((candidate) => c.req.path.startsWith(candidate.prefix)) ?? AREAS[AREAS.length - 1];
    const secret = bearer(c.req.header('authorization')) ?? (area?.queryKey ? c.req.query('key') : undefined);
    if (secret === undefined || secret === '') {
      throw new RampartError('unauthorized', 'an API key is required: send Authorization: Bearer <key>');
    }
    let key = keys.provenBy(secret);
    if (key === undefined) {
      key = await authenticate(keys, secret, hash);
      if (key === undefined) throw new RampartError('unauthorized', 'the API key is unknown or revoked');
      keys.remember(secret, key);
    }
    if (area === undefined || !area.kinds.includes(key.kind)) {
      throw new RampartError('forbidden', `a ${key.kind} key may not use ${c.req.path}`);
    }
    c.set('principal', { keyId: key.id, kind: key.kind, name: key.name, environment: key.environment });
    await next();
  };
}

function bearer(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
