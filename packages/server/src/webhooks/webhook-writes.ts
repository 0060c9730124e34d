import { RampartError, validationFailed } from '../base/errors.js';
import { randomId } from '../base/random.js';
import { applyChange, type Change, type Who } from '../change/apply-change.js';
import type { WriteDeps } from '../change/write-deps.js';
import { toJsonValue } from '../model/json-value.js';
import type { WebhookDeliveryRecord, WebhookFormat, WebhookRecord } from '../store/store.js';
import { refusedUrl } from './webhook-url.js';
import { newSigningSecret } from './sign.js';

export interface WebhookInput {
  url: string;
  events?: string[] | null | undefined;
  environments?: string[] | null | undefined;
  format?: WebhookFormat | undefined;
}

export interface WebhookUpdate extends Partial<WebhookInput> {
  enabled?: boolean | undefined;
}

/** What the webhook routes need: the write dependencies and the outbound address policy. */
export interface WebhookDeps extends WriteDeps {
  /** Whether webhooks may point at loopback, link-local and private addresses (WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
  allowPrivateNetworks: boolean;
}

/** A webhook as the API shows it: everything but its secret. */
export type PublicWebhook = Omit<WebhookRecord, 'secret'>;

/**
 * A webhook without its secret.
 *
 * @example
 * c.json(publicWebhook(record));
 */
export function publicWebhook({ secret: _secret, ...rest }: WebhookRecord): PublicWebhook {
  return rest;
}

/**
 * Creates a webhook with a new signing secret, which the answer shows once.
 *
 * @example
 * const { record } = await createWebhook(deps, 'ops', { url: 'https://hooks.example.com/rampart' });
 */
export async function createWebhook(deps: WebhookDeps, actor: Who, input: WebhookInput): Promise<WebhookRecord> {
  checkUrl(input.url, deps.allowPrivateNetworks);
  return applyChange(deps, actor, async (change) => {
    await checkEnvironments(change, input.environments ?? null);
    const record: WebhookRecord = {
      id: randomId(deps.random, 16),
      url: input.url,
      events: input.events ?? null,
      environments: input.environments ?? null,
      format: input.format ?? 'standard',
      secret: newSigningSecret(deps.random),
      enabled: true,
      disabledReason: null,
      createdAt: change.at,
      updatedAt: change.at,
    };
    await change.tx.insertWebhook(record);
    await auditWebhook(change, 'webhook.created', null, record);
    return record;
  });
}

/**
 * Changes a webhook's fields; `enabled: false` holds its deliveries, `enabled: true` sends what
 * is pending and clears the reason it was disabled.
 *
 * @example
 * await updateWebhook(deps, 'ops', id, { enabled: true });
 */
export async function updateWebhook(
  deps: WebhookDeps,
  actor: Who,
  id: string,
  update: WebhookUpdate,
): Promise<WebhookRecord> {
  if (update.url !== undefined) checkUrl(update.url, deps.allowPrivateNetworks);
  return applyChange(deps, actor, async (change) => {
    const current = await existing(change, id);
    if (update.environments !== undefined) await checkEnvironments(change, update.environments);
    const enabled = update.enabled ?? current.enabled;
    const next: WebhookRecord = {
      ...current,
      url: update.url ?? current.url,
      events: update.events === undefined ? current.events : update.events,
      environments: update.environments === undefined ? current.environments : update.environments,
      format: update.format ?? current.format,
      enabled,
      disabledReason: enabled ? null : current.enabled ? `disabled by ${change.actor}` : current.disabledReason,
      updatedAt: change.at,
    };
    const same = (record: WebhookRecord) => JSON.stringify({ ...record, updatedAt: '' });
    if (same(next) === same(current)) return current; // nothing changed: nothing to store or audit
    await change.tx.updateWebhook(next);
    await auditWebhook(change, 'webhook.updated', current, next);
    return next;
  });
}

/**
 * Deletes a webhook and its deliveries.
 *
 * @example
 * await deleteWebhook(deps, 'ops', id);
 */
export async function deleteWebhook(deps: WriteDeps, actor: Who, id: string): Promise<WebhookRecord> {
  return applyChange(deps, actor, async (change) => {
    const current = await existing(change, id);
    await change.tx.deleteWebhook(id);
    await auditWebhook(change, 'webhook.deleted', current, null);
    return current;
  });
}

/**
 * Disables a webhook whose deliveries keep failing, in an audited change (actor `webhooks`),
 * unless a person changed it meanwhile.
 *
 * @example
 * await disableWebhook(deps, webhook.id, '10 attempts to deliver msg_… failed …');
 */
export async function disableWebhook(deps: WriteDeps, id: string, reason: string): Promise<void> {
  await applyChange(deps, { name: 'webhooks', via: 'system' }, async (change) => {
    const current = await change.tx.getWebhook(id);
    if (current === undefined || !current.enabled) return;
    const next = { ...current, enabled: false, disabledReason: reason, updatedAt: change.at };
    await change.tx.updateWebhook(next);
    await auditWebhook(change, 'webhook.updated', current, next, reason);
  });
}

/**
 * Sends a delivery again: it is pending from now, with a whole retry schedule before it. The
 * `webhook-id` stays, so that a receiver that has it already can tell.
 *
 * @example
 * await redeliver(deps, webhookId, deliveryId);
 */
export async function redeliver(
  deps: WriteDeps,
  webhookId: string,
  deliveryId: string,
): Promise<WebhookDeliveryRecord> {
  return deps.store.transaction(async (tx) => {
    const webhook = await tx.getWebhook(webhookId);
    const delivery = await tx.getDelivery(deliveryId);
    if (webhook === undefined || delivery?.webhookId !== webhookId)
      throw new RampartError('not_found', `webhook '${webhookId}' has no delivery '${deliveryId}'`);
    if (!webhook.enabled)
      throw new RampartError('conflict', `webhook '${webhookId}' is disabled; enable it first (PATCH enabled: true)`);
    if (delivery.status === 'pending' && delivery.attempts.length === delivery.earlierAttempts) return delivery; // not tried yet: it goes as soon as it can
    const now = deps.clock.now().toISOString();
    const next: WebhookDeliveryRecord = {
      ...delivery,
      status: 'pending',
      earlierAttempts: delivery.attempts.length,
      nextAttemptAt: now,
      leaseUntil: null,
      updatedAt: now,
    };
    await tx.updateDelivery(next);
    return next;
  });
}

async function existing(change: Change, id: string): Promise<WebhookRecord> {
  const current = await change.tx.getWebhook(id);
  if (current === undefined) throw new RampartError('not_found', `webhook '${id}' does not exist`);
  return current;
}

function checkUrl(url: string, allowPrivateNetworks: boolean): void {
  const refused = allowPrivateNetworks ? undefined : refusedUrl(url);
  if (refused !== undefined) throw validationFailed([{ path: 'url', message: refused }]);
}

async function checkEnvironments(change: Change, environments: readonly string[] | null): Promise<void> {
  for (const [index, key] of (environments ?? []).entries())
    if ((await change.tx.getEnvironment(key)) === undefined)
      throw validationFailed([{ path: `environments.${index}`, message: `environment '${key}' does not exist` }]);
}

/** The audit entry (and so the event) of a webhook's change: never its secret, nor the URL's path, which may be one (Slack's is). */
async function auditWebhook(
  change: Change,
  action: 'webhook.created' | 'webhook.updated' | 'webhook.deleted',
  before: WebhookRecord | null,
  after: WebhookRecord | null,
  reason?: string,
): Promise<void> {
  const view = (record: WebhookRecord | null) =>
    record === null ? null : (toJsonValue({ ...publicWebhook(record), url: originOf(record.url) }) ?? null);
  await change.audit({
    action,
    targetKind: 'webhook',
    target: (after ?? before)?.id ?? '',
    before: view(before),
    after: view(after),
    reason,
  });
}

/** `https://hooks.slack.com/services/T0/B0/secret` → `https://hooks.slack.com/…`. */
function originOf(url: string): string {
  const { origin, pathname, search } = new URL(url);
  return pathname === '/' && search === '' ? origin : `${origin}/…`;
}
