import type { Schemas } from '../../api.js';

type Key = Schemas['Key'];
export type KeyKind = Key['kind'];

export const KEY_KINDS: readonly { kind: KeyKind; text: string }[] = [
  { kind: 'server', text: 'server: SDKs on your servers, every flag of one environment' },
  { kind: 'client', text: 'client: browsers and apps, client-side flags of one environment' },
  { kind: 'admin', text: 'admin: the admin API, acting as an admin' },
];

/** Server and client keys belong to an environment; admin keys to none. */
export function needsEnvironment(kind: KeyKind): boolean {
  return kind !== 'admin';
}

/**
 * The request that creates a key from the form: the environment only for kinds that have one
 * (the server refuses an admin key with an environment), the name as typed but trimmed.
 *
 * @example
 * createKeyBody({ kind: 'admin', environment: 'production', name: ' ci ' }); // { kind: 'admin', name: 'ci' }
 */
export function createKeyBody(form: { kind: KeyKind; environment: string; name: string }): Schemas['CreateKey'] {
  const name = form.name.trim();
  return needsEnvironment(form.kind)
    ? { kind: form.kind, environment: form.environment, name }
    : { kind: form.kind, name };
}

/**
 * Live keys first, then revoked ones; newest first within each, so a new key is at the top
 * and a long history of revoked keys does not hide the ones in use.
 */
export function sortKeys(keys: readonly Key[]): Key[] {
  return [...keys].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
}
