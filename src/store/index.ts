export { openSqliteStore, now, type Store, type StoreDb, type StoreTx } from './store.js';
export type * from './schema.js';
