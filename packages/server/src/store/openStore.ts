import type { Store } from './collection.js';
import type { EmbeddedStoreOptions } from './embedded/embeddedStore.js';
import { EmbeddedStore } from './embedded/embeddedStore.js';
import { MongoStore } from './mongo/mongoStore.js';

/** MongoDB when `mongodbUri` is given, otherwise the embedded store in `dataDir` (with `embedded` options). */
export async function openStore(options: { mongodbUri?: string | undefined; dataDir: string; embedded?: EmbeddedStoreOptions }): Promise<Store> {
  if (options.mongodbUri) return MongoStore.connect(options.mongodbUri);
  return EmbeddedStore.open(options.dataDir, options.embedded);
}
