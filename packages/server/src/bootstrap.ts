import { authenticate } from './auth/authenticate.js';
import { sha256Hex } from './auth/digest.js';
import { generateKeySecret, TOKEN_KEY_ID } from './auth/key-secret.js';
import { RampartError } from './base/errors.js';
import type { ApiKeyRecord } from './store/store.js';
import { applyChange, type Change } from './change/apply-change.js';
import { addEnvironment } from './environments/index.js';
import { insertKey } from './keys/index.js';
import type { WriteDeps } from './change/write-deps.js';

export const SYSTEM_ACTOR = 'rampart';
export const DEFAULT_ENVIRONMENTS = [
  { key: 'development', name: 'Development' },
  // Protected from the start: only admins change configurations in production (docs/people.md).
  { key: 'production', name: 'Production', protected: true },
] as const;
const MIN_TOKEN_LENGTH = 24;

export type AdminKeyOutcome =
  /** A new key was generated: show `secret` once. */
  | { source: 'generated'; secret: string }
  /** A new key was made from `RAMPART_ADMIN_TOKEN`. */
  | { source: 'token' }
  /** Keys already existed; `tokenIgnored` when a token was given that is not one of them. */
  | { source: 'existing'; tokenIgnored: boolean };

export interface BootstrapOptions {
  /** `RAMPART_ADMIN_TOKEN`: the first admin key's secret, instead of a generated one. */
  adminToken?: string | undefined;
}

export interface BootstrapResult {
  adminKey: AdminKeyOutcome;
  createdEnvironments: string[];
}

/**
 * Prepares a store for first use, in one transaction: the default environments when there
 * are none, and the first admin key when there is no key at all. Later starts change nothing.
 *
 * @example
 * const { adminKey } = await bootstrap(deps, { adminToken: process.env.RAMPART_ADMIN_TOKEN });
 * if (adminKey.source === 'generated') console.log(adminKey.secret);
 */
export async function bootstrap(deps: WriteDeps, options: BootstrapOptions = {}): Promise<BootstrapResult> {
  const { adminToken } = options;
  if (adminToken !== undefined && adminToken.length < MIN_TOKEN_LENGTH) {
    throw new RampartError(
      'validation_failed',
      `RAMPART_ADMIN_TOKEN must be at least ${MIN_TOKEN_LENGTH} random characters`,
    );
  }
  const generated = generateKeySecret('admin', deps.random);
  const secret = adminToken ?? generated.secret;
  const hash = await sha256Hex(secret);
  return applyChange(deps, { name: SYSTEM_ACTOR, via: 'system' }, async (change) => {
    const createdEnvironments: string[] = [];
    if ((await change.tx.listEnvironments()).length === 0) {
      for (const environment of DEFAULT_ENVIRONMENTS) {
        await addEnvironment(change, environment);
        createdEnvironments.push(environment.key);
      }
    }
    return {
      adminKey: await ensureAdminKey(change, { adminToken, generatedId: generated.id, secret, hash }),
      createdEnvironments,
    };
  });
}

async function ensureAdminKey(
  change: Change,
  key: { adminToken: string | undefined; generatedId: string; secret: string; hash: string },
): Promise<AdminKeyOutcome> {
  if ((await change.tx.listKeys()).length > 0) {
    const known = key.adminToken === undefined ? undefined : await authenticate(change.tx, key.adminToken);
    return { source: 'existing', tokenIgnored: key.adminToken !== undefined && known?.kind !== 'admin' };
  }
  const fromToken = key.adminToken !== undefined;
  const record: ApiKeyRecord = {
    id: fromToken ? TOKEN_KEY_ID : key.generatedId,
    kind: 'admin',
    environment: null,
    name: fromToken ? 'admin (RAMPART_ADMIN_TOKEN)' : 'admin',
    hash: key.hash,
    createdAt: change.at,
    revokedAt: null,
  };
  await insertKey(change, record);
  return fromToken ? { source: 'token' } : { source: 'generated', secret: key.secret };
}
