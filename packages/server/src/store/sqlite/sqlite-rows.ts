import { and, asc, desc, eq, gt, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { StoreRows } from '../rows.js';
import { auditWhere, configWhere, deliveryPageWhere, dueDeliveryWhere, dueWhere } from '../where.js';
import {
  apiKeys,
  auditEntries,
  changes,
  environments,
  flagConfigs,
  flags,
  releasePlans,
  segments,
  triggers,
  webhookDeliveries,
  webhooks,
} from './schema.js';
import { createSqlitePeopleRows } from './sqlite-people-rows.js';

type Db = BetterSQLite3Database<Record<string, never>>;

/**
 * The store's statements over one better-sqlite3 connection. The calls are synchronous
 * underneath; the caller (sqlite-store.ts) serialises them and wraps transactions.
 *
 * @example
 * const access = createRowAccess(createSqliteRows(drizzle(sqlite)));
 */
export function createSqliteRows(db: Db): StoreRows {
  // SQLite compares text byte by byte: the time columns need no collation.
  const dueDeliveries = (at: string) =>
    dueDeliveryWhere(
      webhookDeliveries,
      (column) => column,
      db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.enabled, true)),
      at,
    );

  return {
    ...createSqlitePeopleRows(db),
    listEnvironments: async () =>
      db.select().from(environments).orderBy(asc(environments.createdAt), asc(environments.key)).all(),
    getEnvironment: async (key) => db.select().from(environments).where(eq(environments.key, key)).get(),
    listFlags: async (archived) =>
      db.select().from(flags).where(eq(flags.archived, archived)).orderBy(asc(flags.key)).all(),
    getFlag: async (key) => db.select().from(flags).where(eq(flags.key, key)).get(),
    listConfigs: async (filter) =>
      db
        .select()
        .from(flagConfigs)
        .where(configWhere(flagConfigs, filter))
        .orderBy(asc(flagConfigs.flag), asc(flagConfigs.environment))
        .all(),
    getConfig: async (flag, environment) =>
      db
        .select()
        .from(flagConfigs)
        .where(and(eq(flagConfigs.flag, flag), eq(flagConfigs.environment, environment)))
        .get(),
    listSegments: async () => db.select().from(segments).orderBy(asc(segments.key)).all(),
    getSegment: async (key) => db.select().from(segments).where(eq(segments.key, key)).get(),
    listKeys: async () => db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id)).all(),
    getKey: async (id) => db.select().from(apiKeys).where(eq(apiKeys.id, id)).get(),
    listAudit: async (query) =>
      db
        .select()
        .from(auditEntries)
        .where(auditWhere(auditEntries, query))
        .orderBy(desc(auditEntries.id))
        .limit(query.limit)
        .all(),
    listAuditAscending: async (query) =>
      db
        .select()
        .from(auditEntries)
        .where(auditWhere(auditEntries, query))
        .orderBy(asc(auditEntries.id))
        .limit(query.limit)
        .all(),
    listChanges: async (environment, version) =>
      db
        .select()
        .from(changes)
        .where(and(eq(changes.environment, environment), gt(changes.version, version)))
        .orderBy(asc(changes.version), asc(changes.kind), asc(changes.key))
        .all(),
    getReleasePlan: async (flag, environment) =>
      db
        .select()
        .from(releasePlans)
        .where(and(eq(releasePlans.flag, flag), eq(releasePlans.environment, environment)))
        .get(),
    listReleasePlans: async (filter) =>
      db
        .select()
        .from(releasePlans)
        .where(configWhere(releasePlans, filter))
        .orderBy(asc(releasePlans.flag), asc(releasePlans.environment))
        .all(),
    listDueReleasePlans: async (at) =>
      db
        .select()
        .from(releasePlans)
        .where(dueWhere(releasePlans, releasePlans.nextAt, at))
        .orderBy(asc(releasePlans.nextAt), asc(releasePlans.flag), asc(releasePlans.environment))
        .all(),
    listTriggers: async (filter) =>
      db
        .select()
        .from(triggers)
        .where(configWhere(triggers, filter))
        .orderBy(asc(triggers.flag), asc(triggers.environment), asc(triggers.createdAt), asc(triggers.id))
        .all(),
    getTrigger: async (id) => db.select().from(triggers).where(eq(triggers.id, id)).get(),
    getTriggerByHash: async (hash) => db.select().from(triggers).where(eq(triggers.hash, hash)).get(),
    listWebhooks: async () => db.select().from(webhooks).orderBy(asc(webhooks.createdAt), asc(webhooks.id)).all(),
    getWebhook: async (id) => db.select().from(webhooks).where(eq(webhooks.id, id)).get(),
    listDeliveries: async (filter) =>
      db
        .select()
        .from(webhookDeliveries)
        .where(deliveryPageWhere(webhookDeliveries, filter))
        .orderBy(desc(webhookDeliveries.sequence))
        .limit(filter.limit)
        .all(),
    getDelivery: async (id) => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get(),
    hasDueDeliveries: async (at) =>
      db
        .select({ sequence: webhookDeliveries.sequence })
        .from(webhookDeliveries)
        .where(dueDeliveries(at))
        .limit(1)
        .all().length > 0,

    insertEnvironment: async (row) =>
      inserted(db.insert(environments).values(row).onConflictDoNothing().returning({ key: environments.key }).all()),
    insertFlag: async (row) =>
      inserted(db.insert(flags).values(row).onConflictDoNothing().returning({ key: flags.key }).all()),
    updateFlag: async (row) => {
      db.update(flags).set(row).where(eq(flags.key, row.key)).run();
    },
    putConfig: async (row) => {
      db.insert(flagConfigs)
        .values(row)
        .onConflictDoUpdate({ target: [flagConfigs.flag, flagConfigs.environment], set: row })
        .run();
    },
    insertSegment: async (row) =>
      inserted(db.insert(segments).values(row).onConflictDoNothing().returning({ key: segments.key }).all()),
    updateSegment: async (row) => {
      db.update(segments).set(row).where(eq(segments.key, row.key)).run();
    },
    deleteSegment: async (key) => {
      db.delete(segments).where(eq(segments.key, key)).run();
    },
    insertKey: async (row) =>
      inserted(db.insert(apiKeys).values(row).onConflictDoNothing().returning({ id: apiKeys.id }).all()),
    revokeKey: async (id, at) => {
      db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id)).run();
    },
    insertAudit: async (row) => db.insert(auditEntries).values(row).returning().all()[0],
    raiseVersion: async (environment) =>
      db
        .update(environments)
        .set({ version: sql`${environments.version} + 1` })
        .where(eq(environments.key, environment))
        .returning({ version: environments.version })
        .all()[0]?.version,
    insertChanges: async (rows) => {
      db.insert(changes).values(rows).run();
    },
    putReleasePlan: async (row) => {
      db.insert(releasePlans)
        .values(row)
        .onConflictDoUpdate({ target: [releasePlans.flag, releasePlans.environment], set: row })
        .run();
    },
    // No conflict target: a duplicate id and a duplicate hash are both left alone.
    insertTrigger: async (row) =>
      inserted(db.insert(triggers).values(row).onConflictDoNothing().returning({ id: triggers.id }).all()),
    updateTrigger: async (row) => {
      db.update(triggers).set(row).where(eq(triggers.id, row.id)).run();
    },
    deleteTrigger: async (id) => {
      db.delete(triggers).where(eq(triggers.id, id)).run();
    },
    insertWebhook: async (row) =>
      inserted(db.insert(webhooks).values(row).onConflictDoNothing().returning({ id: webhooks.id }).all()),
    updateWebhook: async (row) => {
      db.update(webhooks).set(row).where(eq(webhooks.id, row.id)).run();
    },
    deleteWebhook: async (id) => {
      db.delete(webhooks).where(eq(webhooks.id, id)).run();
    },
    deleteDeliveries: async (webhookId) => {
      db.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).run();
    },
    insertDeliveries: async (rows) =>
      db
        .insert(webhookDeliveries)
        .values(rows)
        .onConflictDoNothing()
        .returning({ id: webhookDeliveries.id })
        .all()
        .map((row) => row.id),
    claimDueDeliveries: async (at, leaseUntil, limit, skip) =>
      db
        .update(webhookDeliveries)
        .set({ leaseUntil })
        .where(
          inArray(
            webhookDeliveries.sequence,
            db
              .select({ sequence: webhookDeliveries.sequence })
              .from(webhookDeliveries)
              .where(
                and(
                  dueDeliveries(at),
                  skip.length === 0 ? undefined : notInArray(webhookDeliveries.webhookId, [...skip]),
                ),
              )
              .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.sequence))
              .limit(limit),
          ),
        )
        .returning()
        .all(),
    updateDelivery: async (row) => {
      db.update(webhookDeliveries).set(row).where(eq(webhookDeliveries.id, row.id)).run();
    },
    pruneDeliveries: async (before) => {
      db.delete(webhookDeliveries)
        .where(and(inArray(webhookDeliveries.status, ['delivered', 'failed']), lt(webhookDeliveries.updatedAt, before)))
        .run();
    },
  };
}

const inserted = (rows: readonly unknown[]): boolean => rows.length > 0;
