export { createSqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js';
