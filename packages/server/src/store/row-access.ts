import { RampartError } from '../base/errors.js';
import { auditAfterQuery, auditPage, auditQuery } from './audit-page.js';
import { buildSnapshot } from './build-snapshot.js';
import { changeRows, groupChanges } from './change-log.js';
import { peopleAccess } from './people-access.js';
import {
  ifFound,
  matchesFlagFilter,
  readAudit,
  readConfig,
  readDelivery,
  readFlag,
  readKey,
  readReleasePlan,
  readTrigger,
  readWebhook,
} from './read-rows.js';
import type { ConfigRow, NewDeliveryRow, StoreRows } from './rows.js';
import type {
  ConfigFilter,
  FlagConfigRecord,
  NewWebhookDelivery,
  StoreWriter,
  TriggerRecord,
  WebhookDeliveryRecord,
} from './store.js';

/** Deliveries per INSERT: well under either dialect's limit on a statement's parameters. */
const DELIVERY_BATCH = 500;

/**
 * The store's methods over a dialect's {@link StoreRows}: rows mapped back into records,
 * flags filtered, the audit log paged, the change log grouped, snapshots joined, and a
 * duplicate key or a missing environment reported as a `RampartError`, claimed deliveries
 * put in the order they fell due. Transactions and connections stay the dialect's.
 *
 * @example
 * const access = createRowAccess(createPostgresRows(tx));
 * await access.insertFlag(flag); // RampartError('conflict') when the key exists
 */
export function createRowAccess(rows: StoreRows): StoreWriter {
  const listFlagConfigs = async (filter: ConfigFilter = {}) => (await rows.listConfigs(filter)).map(readConfig);

  return {
    ...peopleAccess(rows),
    listEnvironments: () => rows.listEnvironments(),
    getEnvironment: (key) => rows.getEnvironment(key),
    listFlags: async (filter = {}) =>
      (await rows.listFlags(filter.archived ?? false)).map(readFlag).filter((flag) => matchesFlagFilter(flag, filter)),
    getFlag: async (key) => ifFound(await rows.getFlag(key), readFlag),
    listFlagConfigs,
    getFlagConfig: async (flag, environment) => ifFound(await rows.getConfig(flag, environment), readConfig),
    listSegments: () => rows.listSegments(),
    getSegment: (key) => rows.getSegment(key),
    listKeys: async () => (await rows.listKeys()).map(readKey),
    getKey: async (id) => ifFound(await rows.getKey(id), readKey),
    listAudit: async (filter) => auditPage(await rows.listAudit(auditQuery(filter)), filter.limit),
    listAuditAfter: async (filter) =>
      filter.limit < 1 ? [] : (await rows.listAuditAscending(auditAfterQuery(filter))).map(readAudit),
    getSnapshot: async (key) => {
      const environment = await rows.getEnvironment(key);
      if (environment === undefined) return undefined;
      const live = (await rows.listFlags(false)).map(readFlag);
      const configs = await listFlagConfigs({ environment: key });
      const plans = (await rows.listReleasePlans({ environment: key })).map(readReleasePlan);
      return buildSnapshot(environment, live, configs, await rows.listSegments(), plans);
    },
    listChangesSince: async (environment, version) => groupChanges(await rows.listChanges(environment, version)),
    getReleasePlan: async (flag, environment) => ifFound(await rows.getReleasePlan(flag, environment), readReleasePlan),
    listReleasePlans: async (filter = {}) => (await rows.listReleasePlans(filter)).map(readReleasePlan),
    listDueReleasePlans: async (at) => (await rows.listDueReleasePlans(at)).map(readReleasePlan),
    listTriggers: async (filter = {}) => (await rows.listTriggers(filter)).map(readTrigger),
    getTrigger: async (id) => ifFound(await rows.getTrigger(id), readTrigger),
    getTriggerByHash: async (hash) => ifFound(await rows.getTriggerByHash(hash), readTrigger),
    listWebhooks: async () => (await rows.listWebhooks()).map(readWebhook),
    getWebhook: async (id) => ifFound(await rows.getWebhook(id), readWebhook),
    // Below 1, SQLite would read a limit as none and PostgreSQL refuse a negative one.
    listDeliveries: async (filter) => (filter.limit < 1 ? [] : (await rows.listDeliveries(filter)).map(readDelivery)),
    getDelivery: async (id) => ifFound(await rows.getDelivery(id), readDelivery),
    hasDueDeliveries: (at) => rows.hasDueDeliveries(at),

    insertEnvironment: async (record) => unique('environment', record.key, await rows.insertEnvironment(record)),
    insertFlag: async (record) => unique('flag', record.key, await rows.insertFlag(record)),
    updateFlag: (record) => rows.updateFlag(record),
    putFlagConfig: (record) => rows.putConfig(toConfigRow(record)),
    insertSegment: async (record) => unique('segment', record.key, await rows.insertSegment(record)),
    updateSegment: (record) => rows.updateSegment(record),
    deleteSegment: (key) => rows.deleteSegment(key),
    insertKey: async (record) => unique('key', record.id, await rows.insertKey(record)),
    revokeKey: (id, at) => rows.revokeKey(id, at),
    appendAudit: async (entry) => {
      const row = await rows.insertAudit({
        ...entry,
        via: entry.via ?? null,
        environment: entry.environment ?? null,
        reason: entry.reason ?? null,
      });
      if (row === undefined) throw new Error('appending an audit entry returned no row');
      return readAudit(row);
    },
    bumpVersion: async (environment, changed) => {
      const version = await rows.raiseVersion(environment);
      if (version === undefined) throw new RampartError('not_found', `environment '${environment}' does not exist`);
      const changes = changeRows(environment, version, changed);
      if (changes.length > 0) await rows.insertChanges(changes);
      return version;
    },
    putReleasePlan: (record) => rows.putReleasePlan(record),
    insertTrigger: async (record) => {
      if (!(await rows.insertTrigger(record))) await triggerConflict(rows, record);
    },
    updateTrigger: (record) => rows.updateTrigger(record),
    deleteTrigger: (id) => rows.deleteTrigger(id),
    insertWebhook: async (record) => unique('webhook', record.id, await rows.insertWebhook(record)),
    updateWebhook: (record) => rows.updateWebhook(record),
    deleteWebhook: async (id) => {
      await rows.deleteDeliveries(id);
      await rows.deleteWebhook(id);
    },
    insertDeliveries: async (records) => {
      for (let start = 0; start < records.length; start += DELIVERY_BATCH) {
        const batch = records.slice(start, start + DELIVERY_BATCH).map(toDeliveryRow);
        const inserted = await rows.insertDeliveries(batch);
        if (inserted.length < batch.length) {
          // Each inserted id accounts for one row of the batch; the first row left over was not inserted.
          const left = new Set(inserted);
          const refused = batch.find((row) => !left.delete(row.id));
          unique('delivery', refused?.id ?? '', false);
        }
      }
    },
    claimDueDeliveries: async (at, leaseUntil, limit, skip = []) =>
      limit < 1 ? [] : (await rows.claimDueDeliveries(at, leaseUntil, limit, skip)).map(readDelivery).sort(byDue),
    updateDelivery: (record) => rows.updateDelivery(toDeliveryRow(record)),
    pruneDeliveries: (before) => rows.pruneDeliveries(before),
  };
}

function unique(what: string, key: string, inserted: boolean): void {
  if (!inserted) throw new RampartError('conflict', `${what} '${key}' already exists`);
}

/** Says which of a trigger's unique fields was taken: its id, or else its hash. */
async function triggerConflict(rows: StoreRows, record: TriggerRecord): Promise<never> {
  if ((await rows.getTrigger(record.id)) !== undefined) {
    throw new RampartError('conflict', `trigger '${record.id}' already exists`);
  }
  throw new RampartError('conflict', `another trigger has the hash of trigger '${record.id}'`);
}

/** The columns of a delivery, without its sequence, which the database assigns and which never changes. */
function toDeliveryRow(record: NewWebhookDelivery): NewDeliveryRow {
  return {
    id: record.id,
    webhookId: record.webhookId,
    eventType: record.eventType,
    payload: record.payload,
    status: record.status,
    attempts: record.attempts,
    earlierAttempts: record.earlierAttempts,
    nextAttemptAt: record.nextAttemptAt,
    leaseUntil: record.leaseUntil,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** The longest due first: by next attempt (ISO 8601 text of one width), then sequence. */
function byDue(a: WebhookDeliveryRecord, b: WebhookDeliveryRecord): number {
  const at = a.nextAttemptAt ?? '';
  const other = b.nextAttemptAt ?? '';
  return at < other ? -1 : at > other ? 1 : a.sequence - b.sequence;
}

function toConfigRow(record: FlagConfigRecord): ConfigRow {
  const { variantsBucketBy, defaultVariant, ...rest } = record;
  return {
    ...rest,
    variantsBucketBy: variantsBucketBy === undefined ? null : [...variantsBucketBy],
    defaultVariant: defaultVariant ?? null,
  };
}
