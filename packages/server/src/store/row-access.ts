import { RampartError } from '../base/errors.js';
import { auditPage, auditQuery } from './audit-page.js';
import { buildSnapshot } from './build-snapshot.js';
import { changeRows, groupChanges } from './change-log.js';
import { matchesFlagFilter, readAudit, readConfig, readFlag, readKey, readReleasePlan } from './read-rows.js';
import type { ConfigRow, StoreRows } from './rows.js';
import type { ConfigFilter, FlagConfigRecord, StoreWriter } from './store.js';

/**
 * The store's methods over a dialect's {@link StoreRows}: rows mapped back into records,
 * flags filtered, the audit log paged, the change log grouped, snapshots joined, and a
 * duplicate key or a missing environment reported as a `RampartError`. Transactions and
 * connections stay the dialect's.
 *
 * @example
 * const access = createRowAccess(createPostgresRows(tx));
 * await access.insertFlag(flag); // RampartError('conflict') when the key exists
 */
export function createRowAccess(rows: StoreRows): StoreWriter {
  const listFlagConfigs = async (filter: ConfigFilter = {}) => (await rows.listConfigs(filter)).map(readConfig);

  return {
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
  };
}

function ifFound<R, T>(row: R | undefined, read: (row: R) => T): T | undefined {
  return row === undefined ? undefined : read(row);
}

function unique(what: string, key: string, inserted: boolean): void {
  if (!inserted) throw new RampartError('conflict', `${what} '${key}' already exists`);
}

function toConfigRow(record: FlagConfigRecord): ConfigRow {
  const { variantsBucketBy, defaultVariant, ...rest } = record;
  return {
    ...rest,
    variantsBucketBy: variantsBucketBy === undefined ? null : [...variantsBucketBy],
    defaultVariant: defaultVariant ?? null,
  };
}
