/**
 * crm-policy server: the HTTP API over Express, on MongoDB or the embedded store.
 * @packageDocumentation
 */
export type {
  Collection,
  Doc,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexSpec,
  Store,
  StoreHealth,
  Update,
  UpdateResult,
} from './store/collection.js';
export { EmbeddedStore } from './store/embedded/embeddedStore.js';
export { MongoStore } from './store/mongo/mongoStore.js';
export { openStore } from './store/openStore.js';
export { StoreError, isDuplicateKey } from './store/storeError.js';
export type { StoreErrorCode } from './store/storeError.js';
