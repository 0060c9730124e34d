import { and, asc, desc, eq, gt, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { RampartError } from '../../base/errors.js';
import { buildSnapshot } from '../build-snapshot.js';
import { matchesFlagFilter, readAudit, readConfig, readFlag, readKey } from '../read-rows.js';
import type {
  AuditFilter,
  ChangeRecord,
  ConfigFilter,
  FlagConfigRecord,
  FlagFilter,
  FlagRecord,
  StoreWriter,
} from '../store.js';
import { apiKeys, auditEntries, changes, environments, flagConfigs, flags, segments } from './schema.js';

/** The pool-wide database or an open transaction: both run the same statements. */
export type PostgresDb = PgDatabase<NodePgQueryResultHKT>;

/**
 * The store's statements over a drizzle database or transaction. The caller
 * (postgres-store.ts) decides which connection and which transaction they run in.
 *
 * @example
 * const access = createPostgresAccess(drizzle(pool));
 * const flags = await access.listFlags({ tag: 'payments' });
 */
export function createPostgresAccess(db: PostgresDb): StoreWriter {
  const listFlags = async (filter: FlagFilter = {}): Promise<FlagRecord[]> => {
    const archived = filter.archived ?? false;
    const rows = await db.select().from(flags).where(eq(flags.archived, archived)).orderBy(bytewise(flags.key));
    return rows.map(readFlag).filter((flag) => matchesFlagFilter(flag, filter));
  };

  const listFlagConfigs = async (filter: ConfigFilter = {}): Promise<FlagConfigRecord[]> => {
    const where: SQL[] = [];
    if (filter.flag !== undefined) where.push(eq(flagConfigs.flag, filter.flag));
    if (filter.environment !== undefined) where.push(eq(flagConfigs.environment, filter.environment));
    const rows = await db
      .select()
      .from(flagConfigs)
      .where(and(...where))
      .orderBy(bytewise(flagConfigs.flag), bytewise(flagConfigs.environment));
    return rows.map(readConfig);
  };

  const listAudit = async (filter: AuditFilter) => {
    const where: SQL[] = [];
    if (filter.flag !== undefined)
      where.push(eq(auditEntries.targetKind, 'flag'), eq(auditEntries.target, filter.flag));
    if (filter.environment !== undefined) where.push(eq(auditEntries.environment, filter.environment));
    if (filter.cursor !== undefined) {
      const before = /^\d{1,15}$/.test(filter.cursor) ? Number(filter.cursor) : 0;
      where.push(lt(auditEntries.id, before));
    }
    const rows = await db
      .select()
      .from(auditEntries)
      .where(and(...where))
      .orderBy(desc(auditEntries.id))
      .limit(filter.limit + 1);
    const page = rows.slice(0, filter.limit).map(readAudit);
    const last = page.at(-1);
    return { entries: page, nextCursor: rows.length > filter.limit && last !== undefined ? last.id : null };
  };

  const listSegments = async () => db.select().from(segments).orderBy(bytewise(segments.key));
  const getEnvironment = async (key: string) =>
    first(await db.select().from(environments).where(eq(environments.key, key)));

  return {
    listEnvironments: async () =>
      db.select().from(environments).orderBy(bytewise(environments.createdAt), bytewise(environments.key)),
    getEnvironment,
    listFlags,
    getFlag: async (key) => {
      const row = first(await db.select().from(flags).where(eq(flags.key, key)));
      return row === undefined ? undefined : readFlag(row);
    },
    listFlagConfigs,
    getFlagConfig: async (flag, environment) => {
      const row = first(
        await db
          .select()
          .from(flagConfigs)
          .where(and(eq(flagConfigs.flag, flag), eq(flagConfigs.environment, environment))),
      );
      return row === undefined ? undefined : readConfig(row);
    },
    listSegments,
    getSegment: async (key) => first(await db.select().from(segments).where(eq(segments.key, key))),
    listKeys: async () =>
      (await db.select().from(apiKeys).orderBy(bytewise(apiKeys.createdAt), bytewise(apiKeys.id))).map(readKey),
    getKey: async (id) => {
      const row = first(await db.select().from(apiKeys).where(eq(apiKeys.id, id)));
      return row === undefined ? undefined : readKey(row);
    },
    listAudit,
    getSnapshot: async (key) => {
      const environment = await getEnvironment(key);
      if (environment === undefined) return undefined;
      const live = (await db.select().from(flags).where(eq(flags.archived, false))).map(readFlag);
      return buildSnapshot(environment, live, await listFlagConfigs({ environment: key }), await listSegments());
    },
    listChangesSince: async (environment, version) => {
      const rows = await db
        .select()
        .from(changes)
        .where(and(eq(changes.environment, environment), gt(changes.version, version)))
        .orderBy(asc(changes.version), bytewise(changes.kind), bytewise(changes.key));
      const byVersion = new Map<number, ChangeRecord>();
      for (const row of rows) {
        const record = byVersion.get(row.version) ?? { version: row.version, flags: [], segments: [] };
        (row.kind === 'flag' ? record.flags : record.segments).push(row.key);
        byVersion.set(row.version, record);
      }
      return [...byVersion.values()];
    },

    // Inserts use ON CONFLICT DO NOTHING rather than catching the unique violation: a failed
    // statement aborts a PostgreSQL transaction, and the caller may want to go on after a conflict.
    insertEnvironment: async (record) =>
      unique(
        'environment',
        record.key,
        await db.insert(environments).values(record).onConflictDoNothing().returning({ key: environments.key }),
      ),
    insertFlag: async (record) =>
      unique(
        'flag',
        record.key,
        await db.insert(flags).values(record).onConflictDoNothing().returning({ key: flags.key }),
      ),
    updateFlag: async (record) => {
      await db.update(flags).set(record).where(eq(flags.key, record.key));
    },
    putFlagConfig: async (record) => {
      const row = {
        ...record,
        variantsBucketBy: record.variantsBucketBy === undefined ? null : [...record.variantsBucketBy],
      };
      await db
        .insert(flagConfigs)
        .values(row)
        .onConflictDoUpdate({ target: [flagConfigs.flag, flagConfigs.environment], set: row });
    },
    insertSegment: async (record) =>
      unique(
        'segment',
        record.key,
        await db.insert(segments).values(record).onConflictDoNothing().returning({ key: segments.key }),
      ),
    updateSegment: async (record) => {
      await db.update(segments).set(record).where(eq(segments.key, record.key));
    },
    deleteSegment: async (key) => {
      await db.delete(segments).where(eq(segments.key, key));
    },
    insertKey: async (record) =>
      unique(
        'key',
        record.id,
        await db.insert(apiKeys).values(record).onConflictDoNothing().returning({ id: apiKeys.id }),
      ),
    revokeKey: async (id, at) => {
      await db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id));
    },
    appendAudit: async (entry) => {
      const rows = await db
        .insert(auditEntries)
        .values({ ...entry, environment: entry.environment ?? null, reason: entry.reason ?? null })
        .returning();
      const row = first(rows);
      if (row === undefined) throw new Error('appending an audit entry returned no row');
      return readAudit(row);
    },
    bumpVersion: async (environment, changed) => {
      const row = first(
        await db
          .update(environments)
          .set({ version: sql`${environments.version} + 1` })
          .where(eq(environments.key, environment))
          .returning({ version: environments.version }),
      );
      if (row === undefined) throw new RampartError('not_found', `environment '${environment}' does not exist`);
      const entries = [
        ...[...new Set(changed.flags)].map((key) => ({ kind: 'flag', key })),
        ...[...new Set(changed.segments)].map((key) => ({ kind: 'segment', key })),
      ].map((entry) => ({ ...entry, environment, version: row.version }));
      if (entries.length > 0) await db.insert(changes).values(entries);
      return row.version;
    },
  };
}

/** Orders by code point, as SQLite does, whatever collation the database was created with. */
function bytewise(column: AnyColumn): SQL {
  return sql`${column} collate "C"`;
}

function first<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}

function unique(what: string, key: string, inserted: readonly unknown[]): void {
  if (inserted.length === 0) throw new RampartError('conflict', `${what} '${key}' already exists`);
}
