export { createPostgresStore, type PostgresStoreOptions } from './store/postgres/postgres-store.js';
