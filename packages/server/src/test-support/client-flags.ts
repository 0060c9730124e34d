import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

/**
 * Words that only rules, segments and server-only flags hold: a response to a client key that
 * contains any of them has leaked what client keys must never see.
 */
export const HIDDEN_WORDS = [
  'srv-zz-secret',
  'rule-zz-hidden',
  'seg-zz-hidden',
  'zz-platinum',
  'zz-atlantis',
  'salt-zz-hidden',
  '"rules"',
  '"segments"',
  '"conditions"',
] as const;

/** The keys that a client key may see, in key order. */
export const CLIENT_FLAG_KEYS = [
  'cs-banner',
  'cs-bool-off',
  'cs-colour',
  'cs-fallback',
  'cs-layout',
  'cs-limit',
  'cs-off',
  'cs-targeted',
  'cs-unvalued',
] as const;

const everyone = { rollout: { percentage: 100 } };

/**
 * Flags of every type in `production`, client-side and not, one segment, and a client and a
 * server key for `production`.
 *
 * | flag | production |
 * |---|---|
 * | `cs-banner` (boolean) | on for `plan: zz-platinum` in segment `seg-zz-hidden` (`country: zz-atlantis`) |
 * | `cs-targeted` (boolean) | on for `userId: user-7` |
 * | `cs-colour` (string), `cs-limit` (number), `cs-layout` (json) | on, one variant: `#00f`, `10`, `{ columns: 3 }` |
 * | `cs-fallback` (string) | on with variant `wide` for `userId: user-7`; else off with the default variant `classic` |
 * | `cs-unvalued` (string) | on, one variant without a value |
 * | `cs-off` (string), `cs-bool-off` (boolean) | off |
 * | `srv-zz-secret` (boolean, not client-side) | on |
 *
 * @example
 * const { clientKey, serverKey } = await seedClientFlags(t);
 */
export async function seedClientFlags(t: TestApp): Promise<{ clientKey: string; serverKey: string }> {
  await ok(
    t.post('/api/v1/segments', {
      key: 'seg-zz-hidden',
      name: 'Hidden',
      conditions: [{ attribute: 'country', operator: 'in', values: ['zz-atlantis'] }],
    }),
  );
  await createFlag(t, 'cs-banner', 'boolean', true, {
    enabled: true,
    rules: [
      {
        id: 'rule-zz-hidden',
        segments: ['seg-zz-hidden'],
        conditions: [{ attribute: 'plan', operator: 'in', values: ['zz-platinum'] }],
        rollout: { percentage: 100, salt: 'salt-zz-hidden' },
      },
    ],
  });
  await createFlag(t, 'cs-targeted', 'boolean', true, {
    enabled: true,
    rules: [{ conditions: [{ attribute: 'userId', operator: 'in', values: ['user-7'] }], ...everyone }],
  });
  await createFlag(t, 'cs-colour', 'string', true, {
    enabled: true,
    rules: [everyone],
    variants: [{ key: 'blue', value: '#00f', weight: 1 }],
  });
  await createFlag(t, 'cs-fallback', 'string', true, {
    enabled: true,
    rules: [{ conditions: [{ attribute: 'userId', operator: 'in', values: ['user-7'] }], ...everyone }],
    variants: [
      { key: 'wide', value: 'wide', weight: 1 },
      { key: 'classic', value: 'classic', weight: 0 },
    ],
    defaultVariant: 'classic',
  });
  await createFlag(t, 'cs-limit', 'number', true, {
    enabled: true,
    rules: [everyone],
    variants: [{ key: 'ten', value: 10, weight: 1 }],
  });
  await createFlag(t, 'cs-layout', 'json', true, {
    enabled: true,
    rules: [everyone],
    variants: [{ key: 'grid', value: { columns: 3 }, weight: 1 }],
  });
  await createFlag(t, 'cs-unvalued', 'string', true, {
    enabled: true,
    rules: [everyone],
    variants: [{ key: 'plain', weight: 1 }],
  });
  await createFlag(t, 'cs-off', 'string', true, {
    enabled: false,
    rules: [everyone],
    variants: [{ key: 'red', value: '#f00', weight: 1 }],
  });
  await createFlag(t, 'cs-bool-off', 'boolean', true, { enabled: false, rules: [everyone] });
  await createFlag(t, 'srv-zz-secret', 'boolean', false, {
    enabled: true,
    rules: [{ id: 'rule-zz-hidden-server', ...everyone }],
  });
  const clientKey = await createKey(t, 'client', 'production');
  const serverKey = await createKey(t, 'server', 'production');
  return { clientKey, serverKey };
}

/**
 * A new key's secret.
 *
 * @example
 * const key = await createKey(t, 'client', 'development');
 */
export async function createKey(
  t: TestApp,
  kind: 'client' | 'server' | 'admin',
  environment?: string,
): Promise<string> {
  const created = await ok(
    t.post('/api/v1/keys', {
      kind,
      name: `${kind}-${environment ?? 'all'}`,
      ...(environment === undefined ? {} : { environment }),
    }),
  );
  return String(created.json.secret);
}

async function createFlag(
  t: TestApp,
  key: string,
  type: string,
  clientSide: boolean,
  config: Record<string, unknown>,
): Promise<void> {
  await ok(t.post('/api/v1/flags', { key, type, clientSide }));
  await ok(t.put(`/api/v1/flags/${key}/environments/production`, config, { 'if-match': '"1"' }));
}

async function ok<T extends { status: number; body: unknown }>(pending: Promise<T>): Promise<T> {
  const response = await pending;
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  return response;
}
