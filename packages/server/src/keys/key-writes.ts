import { generateKeySecret } from '../auth/key-secret.js';
import { sha256Hex } from '../auth/digest.js';
import { RampartError, validationFailed } from '../base/errors.js';
import type { ApiKeyRecord, KeyKind } from '../store/store.js';
import { applyChange, type Change, type Who } from '../change/apply-change.js';
import type { WriteDeps } from '../change/write-deps.js';

export interface CreateKeyInput {
  kind: KeyKind;
  environment?: string | undefined;
  name: string;
}

export interface CreatedKey {
  record: ApiKeyRecord;
  /** Shown once; only its hash is stored. */
  secret: string;
}

/**
 * Creates an API key with a fresh random secret. Server and client keys belong to one
 * environment; admin keys to none.
 *
 * @example
 * const { secret } = await createKey(deps, 'ops', { kind: 'server', environment: 'production', name: 'checkout-api' });
 */
export async function createKey(deps: WriteDeps, actor: Who, input: CreateKeyInput): Promise<CreatedKey> {
  if (input.kind === 'admin' && input.environment !== undefined) {
    throw validationFailed([{ path: 'environment', message: 'admin keys belong to no environment' }]);
  }
  if (input.kind !== 'admin' && input.environment === undefined) {
    throw validationFailed([{ path: 'environment', message: `${input.kind} keys need an environment` }]);
  }
  const { id, secret } = generateKeySecret(input.kind, deps.random);
  const hash = await sha256Hex(secret);
  return applyChange(deps, actor, async (change) => {
    const environment = input.environment ?? null;
    if (environment !== null && (await change.tx.getEnvironment(environment)) === undefined) {
      throw validationFailed([{ path: 'environment', message: `environment '${environment}' does not exist` }]);
    }
    const record: ApiKeyRecord = {
      id,
      kind: input.kind,
      environment,
      name: input.name,
      hash,
      createdAt: change.at,
      revokedAt: null,
    };
    await insertKey(change, record);
    return { record, secret };
  });
}

/**
 * Stores a key record (the secret already hashed) and audits it; used by key creation and by
 * the first start's admin key.
 *
 * @example
 * await insertKey(change, record);
 */
export async function insertKey(change: Change, record: ApiKeyRecord): Promise<void> {
  await change.tx.insertKey(record);
  await change.audit({
    action: 'key.created',
    targetKind: 'key',
    target: record.id,
    environment: record.environment ?? undefined,
    before: null,
    after: publicKey(record),
  });
}

/**
 * Revokes a key; its secret stops working at once. The last live admin key cannot be revoked (409).
 *
 * @example
 * await revokeKey(deps, 'ops', 'q3k7m2...');
 */
export async function revokeKey(deps: WriteDeps, actor: Who, id: string): Promise<ApiKeyRecord> {
  return applyChange(deps, actor, async (change) => {
    const current = await change.tx.getKey(id);
    if (current === undefined) throw new RampartError('not_found', `key '${id}' does not exist`);
    if (current.revokedAt !== null) return current;
    if (current.kind === 'admin') {
      const liveAdmins = (await change.tx.listKeys()).filter((key) => key.kind === 'admin' && key.revokedAt === null);
      if (liveAdmins.length <= 1)
        throw new RampartError('conflict', 'this is the last admin key; create another before revoking it');
    }
    await change.tx.revokeKey(id, change.at);
    const revoked = { ...current, revokedAt: change.at };
    await change.audit({
      action: 'key.revoked',
      targetKind: 'key',
      target: id,
      environment: current.environment ?? undefined,
      before: publicKey(current),
      after: publicKey(revoked),
    });
    return revoked;
  });
}

/** A key as the API shows it: never the hash. */
export function publicKey(record: ApiKeyRecord) {
  return {
    id: record.id,
    kind: record.kind,
    environment: record.environment,
    name: record.name,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
  };
}
