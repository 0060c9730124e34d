import { and, asc, desc, eq, gt, inArray, notInArray, sql } from 'drizzle-orm';
import { bytewise, first, type PostgresDb } from './postgres-db.js';
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
import { createPostgresPeopleRows } from './postgres-people-rows.js';

export type { PostgresDb } from './postgres-db.js';

/**
 * The store's statements over a drizzle database or transaction. The caller
 * (postgres-store.ts) decides which connection and which transaction they run in.
 *
 * @example
 * const access = createRowAccess(createPostgresRows(drizzle(pool)));
 * const flags = await access.listFlags({ tag: 'payments' });
 */
export function createPostgresRows(db: PostgresDb): StoreRows {
  const dueDeliveries = (at: string) =>
    dueDeliveryWhere(
      webhookDeliveries,
      bytewise,
      db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.enabled, true)),
      at,
    );

  return {
    ...createPostgresPeopleRows(db),
    listEnvironments: async () =>
      db.select().from(environments).orderBy(bytewise(environments.createdAt), bytewise(environments.key)),
    getEnvironment: async (key) => first(await db.select().from(environments).where(eq(environments.key, key))),
    listFlags: async (archived) =>
      db.select().from(flags).where(eq(flags.archived, archived)).orderBy(bytewise(flags.key)),
    getFlag: async (key) => first(await db.select().from(flags).where(eq(flags.key, key))),
    listConfigs: async (filter) =>
      db
        .select()
        .from(flagConfigs)
        .where(configWhere(flagConfigs, filter))
        .orderBy(bytewise(flagConfigs.flag), bytewise(flagConfigs.environment)),
    getConfig: async (flag, environment) =>
      first(
        await db
          .select()
          .from(flagConfigs)
          .where(and(eq(flagConfigs.flag, flag), eq(flagConfigs.environment, environment))),
      ),
    listSegments: async () => db.select().from(segments).orderBy(bytewise(segments.key)),
    getSegment: async (key) => first(await db.select().from(segments).where(eq(segments.key, key))),
    listKeys: async () => db.select().from(apiKeys).orderBy(bytewise(apiKeys.createdAt), bytewise(apiKeys.id)),
    getKey: async (id) => first(await db.select().from(apiKeys).where(eq(apiKeys.id, id))),
    listAudit: async (query) =>
      db
        .select()
        .from(auditEntries)
        .where(auditWhere(auditEntries, query))
        .orderBy(desc(auditEntries.id))
        .limit(query.limit),
    listAuditAscending: async (query) =>
      db
        .select()
        .from(auditEntries)
        .where(auditWhere(auditEntries, query))
        .orderBy(asc(auditEntries.id))
        .limit(query.limit),
    listChanges: async (environment, version) =>
      db
        .select()
        .from(changes)
        .where(and(eq(changes.environment, environment), gt(changes.version, version)))
        .orderBy(asc(changes.version), bytewise(changes.kind), bytewise(changes.key)),
    getReleasePlan: async (flag, environment) =>
      first(
        await db
          .select()
          .from(releasePlans)
          .where(and(eq(releasePlans.flag, flag), eq(releasePlans.environment, environment))),
      ),
    listReleasePlans: async (filter) =>
      db
        .select()
        .from(releasePlans)
        .where(configWhere(releasePlans, filter))
        .orderBy(bytewise(releasePlans.flag), bytewise(releasePlans.environment)),
    listDueReleasePlans: async (at) =>
      db
        .select()
        .from(releasePlans)
        .where(dueWhere(releasePlans, bytewise(releasePlans.nextAt), at))
        .orderBy(bytewise(releasePlans.nextAt), bytewise(releasePlans.flag), bytewise(releasePlans.environment)),
    listTriggers: async (filter) =>
      db
        .select()
        .from(triggers)
        .where(configWhere(triggers, filter))
        .orderBy(
          bytewise(triggers.flag),
          bytewise(triggers.environment),
          bytewise(triggers.createdAt),
          bytewise(triggers.id),
        ),
    getTrigger: async (id) => first(await db.select().from(triggers).where(eq(triggers.id, id))),
    getTriggerByHash: async (hash) => first(await db.select().from(triggers).where(eq(triggers.hash, hash))),
    listWebhooks: async () => db.select().from(webhooks).orderBy(bytewise(webhooks.createdAt), bytewise(webhooks.id)),
    getWebhook: async (id) => first(await db.select().from(webhooks).where(eq(webhooks.id, id))),
    listDeliveries: async (filter) =>
      db
        .select()
        .from(webhookDeliveries)
        .where(deliveryPageWhere(webhookDeliveries, filter))
        .orderBy(desc(webhookDeliveries.sequence))
        .limit(filter.limit),
    getDelivery: async (id) => first(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id))),
    hasDueDeliveries: async (at) =>
      (
        await db
          .select({ sequence: webhookDeliveries.sequence })
          .from(webhookDeliveries)
          .where(dueDeliveries(at))
          .limit(1)
      ).length > 0,

    // Inserts use ON CONFLICT DO NOTHING rather than catching the unique violation: a failed
    // statement aborts a PostgreSQL transaction, and the caller may want to go on after a conflict.
    insertEnvironment: async (row) =>
      inserted(await db.insert(environments).values(row).onConflictDoNothing().returning({ key: environments.key })),
    insertFlag: async (row) =>
      inserted(await db.insert(flags).values(row).onConflictDoNothing().returning({ key: flags.key })),
    updateFlag: async (row) => {
      await db.update(flags).set(row).where(eq(flags.key, row.key));
    },
    putConfig: async (row) => {
      await db
        .insert(flagConfigs)
        .values(row)
        .onConflictDoUpdate({ target: [flagConfigs.flag, flagConfigs.environment], set: row });
    },
    insertSegment: async (row) =>
      inserted(await db.insert(segments).values(row).onConflictDoNothing().returning({ key: segments.key })),
    updateSegment: async (row) => {
      await db.update(segments).set(row).where(eq(segments.key, row.key));
    },
    deleteSegment: async (key) => {
      await db.delete(segments).where(eq(segments.key, key));
    },
    insertKey: async (row) =>
      inserted(await db.insert(apiKeys).values(row).onConflictDoNothing().returning({ id: apiKeys.id })),
    revokeKey: async (id, at) => {
      await db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id));
    },
    insertAudit: async (row) => first(await db.insert(auditEntries).values(row).returning()),
    raiseVersion: async (environment) =>
      first(
        await db
          .update(environments)
          .set({ version: sql`${environments.version} + 1` })
          .where(eq(environments.key, environment))
          .returning({ version: environments.version }),
      )?.version,
    insertChanges: async (rows) => {
      await db.insert(changes).values(rows);
    },
    putReleasePlan: async (row) => {
      await db
        .insert(releasePlans)
        .values(row)
        .onConflictDoUpdate({ target: [releasePlans.flag, releasePlans.environment], set: row });
    },
    // No conflict target: a duplicate id and a duplicate hash are both left alone.
    insertTrigger: async (row) =>
      inserted(await db.insert(triggers).values(row).onConflictDoNothing().returning({ id: triggers.id })),
    updateTrigger: async (row) => {
      await db.update(triggers).set(row).where(eq(triggers.id, row.id));
    },
    deleteTrigger: async (id) => {
      await db.delete(triggers).where(eq(triggers.id, id));
    },
    insertWebhook: async (row) =>
      inserted(await db.insert(webhooks).values(row).onConflictDoNothing().returning({ id: webhooks.id })),
    updateWebhook: async (row) => {
      await db.update(webhooks).set(row).where(eq(webhooks.id, row.id));
    },
    deleteWebhook: async (id) => {
      await db.delete(webhooks).where(eq(webhooks.id, id));
    },
    deleteDeliveries: async (webhookId) => {
      await db.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
    },
    insertDeliveries: async (rows) =>
      (
        await db.insert(webhookDeliveries).values(rows).onConflictDoNothing().returning({ id: webhookDeliveries.id })
      ).map((row) => row.id),
    // Write transactions run one at a time (postgres-store.ts): no other one can claim the same rows.
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
              .orderBy(bytewise(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.sequence))
              .limit(limit),
          ),
        )
        .returning(),
    updateDelivery: async (row) => {
      await db.update(webhookDeliveries).set(row).where(eq(webhookDeliveries.id, row.id));
    },
    pruneDeliveries: async (before) => {
      await db
        .delete(webhookDeliveries)
        .where(
          and(
            inArray(webhookDeliveries.status, ['delivered', 'failed']),
            sql`${webhookDeliveries.updatedAt} collate "C" < ${before}`,
          ),
        );
    },
  };
}

const inserted = (rows: readonly unknown[]): boolean => rows.length > 0;
