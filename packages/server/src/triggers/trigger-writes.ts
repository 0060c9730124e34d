import { sha256Hex } from '../auth/digest.js';
import { RampartError, validationFailed } from '../base/errors.js';
import { randomBase64Url, randomId } from '../base/random.js';
import { applyChange, type Change, type Who } from '../change/apply-change.js';
import { contentOf, editConfigInChange, type FlagConfigDeps } from '../flag-configs/index.js';
import type { TriggerAction, TriggerRecord } from '../store/store.js';
import type { AlertPayload } from './alert-payload.js';

/** A trigger's secret: `rtg_` and 256 random bits; only its SHA-256 is stored. */
export const TRIGGER_SECRET_PREFIX = 'rtg_';

/** The calls a trigger answers in one window before refusing with 429, by default. */
export const DEFAULT_TRIGGER_RATE_LIMIT = 10;
/** The rate limit's window. */
export const RATE_WINDOW_MS = 60_000;

export interface TriggerDeps extends FlagConfigDeps {
  /** The calls one trigger answers per minute (TRIGGER_RATE_LIMIT). */
  triggerRateLimit: number;
  /** How much of an alert's body is read (MAX_BODY_BYTES); a larger body is cut, never refused. */
  maxBodyBytes: number;
}

export interface CreatedTrigger {
  record: TriggerRecord;
  /** Shown once, in the trigger's URL; only its hash is stored. */
  secret: string;
}

/** What a call to a trigger's URL did. */
export type FireOutcome =
  | { outcome: 'killed' | 'revived' | 'unchanged' | 'ignored'; trigger: TriggerRecord }
  | { outcome: 'rate_limited'; trigger: TriggerRecord; retryAfterSeconds: number };

/**
 * Creates a trigger on a flag in an environment, audited on the flag as `trigger.created`.
 *
 * @example
 * const { record, secret } = await createTrigger(deps, 'ops', { flag: 'new-checkout', environment: 'production', name: 'high-errors', action: 'kill' });
 */
export async function createTrigger(
  deps: TriggerDeps,
  actor: Who,
  input: { flag: string; environment: string; name: string; action: TriggerAction },
): Promise<CreatedTrigger> {
  const secret = `${TRIGGER_SECRET_PREFIX}${randomBase64Url(deps.random, 32)}`;
  const hash = await sha256Hex(secret);
  return applyChange(deps, actor, async (change) => {
    const flag = await change.tx.getFlag(input.flag);
    if (flag === undefined) throw new RampartError('not_found', `flag '${input.flag}' does not exist`);
    if (flag.archived)
      throw new RampartError('conflict', `flag '${input.flag}' is archived; restore it before adding a trigger`);
    if ((await change.tx.getEnvironment(input.environment)) === undefined)
      throw new RampartError('not_found', `environment '${input.environment}' does not exist`);
    const siblings = await change.tx.listTriggers({ flag: input.flag, environment: input.environment });
    if (siblings.some((trigger) => trigger.name === input.name))
      throw validationFailed([
        { path: 'name', message: `'${input.flag}' in '${input.environment}' has a trigger named '${input.name}'` },
      ]);
    const record: TriggerRecord = {
      id: randomId(deps.random, 16),
      ...input,
      hash,
      createdBy: change.actor,
      createdAt: change.at,
      lastFiredAt: null,
      windowStartedAt: null,
      windowCount: 0,
    };
    await change.tx.insertTrigger(record);
    await auditTrigger(change, 'trigger.created', record);
    return { record, secret };
  });
}

/**
 * Revokes a trigger: its URL stops working at once. Audited on the flag as `trigger.deleted`.
 *
 * @example
 * await deleteTrigger(deps, 'ops', { flag: 'new-checkout', environment: 'production' }, id);
 */
export async function deleteTrigger(
  deps: TriggerDeps,
  actor: Who,
  target: { flag: string; environment: string },
  id: string,
): Promise<TriggerRecord> {
  return applyChange(deps, actor, async (change) => {
    const record = await change.tx.getTrigger(id);
    if (record?.flag !== target.flag || record.environment !== target.environment)
      throw new RampartError('not_found', `'${target.flag}' in '${target.environment}' has no trigger '${id}'`);
    await change.tx.deleteTrigger(id);
    await auditTrigger(change, 'trigger.deleted', record);
    return record;
  });
}

/**
 * Answers a call to a trigger's URL, in one transaction: finds the trigger by the secret's hash
 * (404 before the body is read), counts the call against the trigger's rate
 * limit, then, unless the alert resolved, kills or revives the flag as one audited change
 * (actor `trigger:<name>`, the payload's summary as the reason). A flag already in the
 * trigger's state is left alone: the call changes nothing and audits nothing.
 *
 * @example
 * const { outcome } = await fireTrigger(deps, secret, async () => readAlertPayload(contentType, await body()));
 */
export async function fireTrigger(
  deps: TriggerDeps,
  secret: string,
  read: () => Promise<AlertPayload>,
): Promise<FireOutcome> {
  const found = secret.startsWith(TRIGGER_SECRET_PREFIX)
    ? await deps.store.getTriggerByHash(await sha256Hex(secret))
    : undefined;
  if (found === undefined) throw notFound();
  // Read only for a caller who holds a trigger's URL: nobody else makes the server parse a body.
  const payload = await read();
  const actor = { name: `trigger:${found.name}`, via: 'trigger' as const };
  return applyChange(deps, actor, async (change): Promise<FireOutcome> => {
    const trigger = await change.tx.getTrigger(found.id);
    if (trigger === undefined) throw notFound(); // revoked meanwhile
    const now = Date.parse(change.at);
    const windowStart = trigger.windowStartedAt === null ? Number.NaN : Date.parse(trigger.windowStartedAt);
    const inWindow = now - windowStart < RATE_WINDOW_MS;
    const count = inWindow ? trigger.windowCount + 1 : 1;
    if (count > deps.triggerRateLimit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - now) / 1000));
      return { outcome: 'rate_limited', trigger, retryAfterSeconds };
    }
    const counted: TriggerRecord = {
      ...trigger,
      lastFiredAt: change.at,
      windowStartedAt: inWindow ? trigger.windowStartedAt : change.at,
      windowCount: count,
    };
    await change.tx.updateTrigger(counted);
    if (payload.resolved) return { outcome: 'ignored', trigger: counted };
    const enabled = trigger.action === 'revive';
    const target = { flag: trigger.flag, environment: trigger.environment };
    const options = {
      ifMatch: undefined,
      requireIfMatch: false,
      action: enabled ? ('config.revived' as const) : ('config.killed' as const),
      reason: payload.summary,
    };
    const before = await change.tx.getFlagConfig(trigger.flag, trigger.environment);
    if (before?.enabled === enabled) return { outcome: 'unchanged', trigger: counted };
    await editConfigInChange(
      change,
      target,
      options,
      (current) => ({ ...contentOf(current), enabled }),
      deps.onConfigChange,
    );
    return { outcome: enabled ? 'revived' : 'killed', trigger: counted };
  });
}

function notFound(): RampartError {
  // The same answer for every wrong secret: it tells nothing about which triggers exist.
  return new RampartError('not_found', 'no trigger has this URL; it may have been revoked');
}

async function auditTrigger(
  change: Change,
  action: 'trigger.created' | 'trigger.deleted',
  record: TriggerRecord,
): Promise<void> {
  const view = { id: record.id, name: record.name, action: record.action };
  await change.audit({
    action,
    targetKind: 'flag',
    target: record.flag,
    environment: record.environment,
    before: action === 'trigger.deleted' ? view : null,
    after: action === 'trigger.created' ? view : null,
  });
}
