import { and, asc, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
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

type Db = BetterSQLite3Database<Record<string, never>>;

/**
 * The store's statements over one better-sqlite3 connection. The calls are synchronous
 * underneath; the caller (sqlite-store.ts) serialises them and wraps transactions.
 */
export function createSqliteAccess(db: Db): StoreWriter {
  const listFlags = async (filter: FlagFilter = {}): Promise<FlagRecord[]> => {
    const archived = filter.archived ?? false;
    return db
      .select()
      .from(flags)
      .where(eq(flags.archived, archived))
      .orderBy(asc(flags.key))
      .all()
      .map(readFlag)
      .filter((flag) => matchesFlagFilter(flag, filter));
  };

  const listFlagConfigs = async (filter: ConfigFilter = {}): Promise<FlagConfigRecord[]> => {
    const where: SQL[] = [];
    if (filter.flag !== undefined) where.push(eq(flagConfigs.flag, filter.flag));
    if (filter.environment !== undefined) where.push(eq(flagConfigs.environment, filter.environment));
    return db
      .select()
      .from(flagConfigs)
      .where(and(...where))
      .orderBy(asc(flagConfigs.flag), asc(flagConfigs.environment))
      .all()
      .map(readConfig);
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
    const rows = db
      .select()
      .from(auditEntries)
      .where(and(...where))
      .orderBy(desc(auditEntries.id))
      .limit(filter.limit + 1)
      .all();
    const page = rows.slice(0, filter.limit).map(readAudit);
    const last = page.at(-1);
    return { entries: page, nextCursor: rows.length > filter.limit && last !== undefined ? last.id : null };
  };

  const listSegments = async () => db.select().from(segments).orderBy(asc(segments.key)).all();
  const getEnvironment = async (key: string) => db.select().from(environments).where(eq(environments.key, key)).get();

  return {
    listEnvironments: async () =>
      db.select().from(environments).orderBy(asc(environments.createdAt), asc(environments.key)).all(),
    getEnvironment,
    listFlags,
    getFlag: async (key) => {
      const row = db.select().from(flags).where(eq(flags.key, key)).get();
      return row === undefined ? undefined : readFlag(row);
    },
    listFlagConfigs,
    getFlagConfig: async (flag, environment) => {
      const row = db
        .select()
        .from(flagConfigs)
        .where(and(eq(flagConfigs.flag, flag), eq(flagConfigs.environment, environment)))
        .get();
      return row === undefined ? undefined : readConfig(row);
    },
    listSegments,
    getSegment: async (key) => db.select().from(segments).where(eq(segments.key, key)).get(),
    listKeys: async () => db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id)).all().map(readKey),
    getKey: async (id) => {
      const row = db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
      return row === undefined ? undefined : readKey(row);
    },
    listAudit,
    getSnapshot: async (key) => {
      const environment = await getEnvironment(key);
      if (environment === undefined) return undefined;
      const live = db.select().from(flags).where(eq(flags.archived, false)).all().map(readFlag);
      return buildSnapshot(environment, live, await listFlagConfigs({ environment: key }), await listSegments());
    },
    listChangesSince: async (environment, version) => {
      const rows = db
        .select()
        .from(changes)
        .where(and(eq(changes.environment, environment), gt(changes.version, version)))
        .orderBy(asc(changes.version), asc(changes.kind), asc(changes.key))
        .all();
      const byVersion = new Map<number, ChangeRecord>();
      for (const row of rows) {
        const record = byVersion.get(row.version) ?? { version: row.version, flags: [], segments: [] };
        (row.kind === 'flag' ? record.flags : record.segments).push(row.key);
        byVersion.set(row.version, record);
      }
      return [...byVersion.values()];
    },

    insertEnvironment: async (record) =>
      unique('environment', record.key, () => db.insert(environments).values(record).run()),
    insertFlag: async (record) => unique('flag', record.key, () => db.insert(flags).values(record).run()),
    updateFlag: async (record) => {
      db.update(flags).set(record).where(eq(flags.key, record.key)).run();
    },
    putFlagConfig: async (record) => {
      const row = {
        ...record,
        variantsBucketBy: record.variantsBucketBy === undefined ? null : [...record.variantsBucketBy],
      };
      db.insert(flagConfigs)
        .values(row)
        .onConflictDoUpdate({ target: [flagConfigs.flag, flagConfigs.environment], set: row })
        .run();
    },
    insertSegment: async (record) => unique('segment', record.key, () => db.insert(segments).values(record).run()),
    updateSegment: async (record) => {
      db.update(segments).set(record).where(eq(segments.key, record.key)).run();
    },
    deleteSegment: async (key) => {
      db.delete(segments).where(eq(segments.key, key)).run();
    },
    insertKey: async (record) => unique('key', record.id, () => db.insert(apiKeys).values(record).run()),
    revokeKey: async (id, at) => {
      db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id)).run();
    },
    appendAudit: async (entry) => {
      const row = db
        .insert(auditEntries)
        .values({ ...entry, environment: entry.environment ?? null, reason: entry.reason ?? null })
        .returning()
        .get();
      return readAudit(row);
    },
    bumpVersion: async (environment, changed) => {
      const row = db
        .update(environments)
        .set({ version: sql`${environments.version} + 1` })
        .where(eq(environments.key, environment))
        .returning({ version: environments.version })
        .get();
      if (row === undefined) throw new RampartError('not_found', `environment '${environment}' does not exist`);
      const entries = [
        ...[...new Set(changed.flags)].map((key) => ({ kind: 'flag', key })),
        ...[...new Set(changed.segments)].map((key) => ({ kind: 'segment', key })),
      ].map((entry) => ({ ...entry, environment, version: row.version }));
      if (entries.length > 0) db.insert(changes).values(entries).run();
      return row.version;
    },
  };
}

function unique(what: string, key: string, insert: () => void): void {
  try {
    insert();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new RampartError('conflict', `${what} '${key}' already exists`, { cause: error });
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (
      'code' in current &&
      typeof current.code === 'string' &&
      /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(current.code)
    ) {
      return true;
    }
  }
  return false;
}
