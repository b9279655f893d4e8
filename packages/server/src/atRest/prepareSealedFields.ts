import type { Logger } from '../logger.js';
import type { Doc, Store } from '../store/collection.js';
import type { AtRestCipher } from './atRestCipher.js';
import { DataKeyError } from './atRestCipher.js';
import { EmbeddedStore } from '../store/embedded/embeddedStore.js';
import type { SealedField } from './sealedValue.js';
import { SEALED, SEALED_FIELDS } from './sealedValue.js';

const BATCH = 200;

/**
 * Run at start, before anything else touches the store. Without a data key:
 * refuses to start when the store holds sealed values (they could not be
 * read), else warns that the fields are kept plain. With a key: refuses to
 * start when values were sealed with another key, then seals every plain
 * value left from before the key was set (each with a conditional write, so
 * processes starting together do not double the work). Answers how many values it sealed.
 */
export async function prepareSealedFields(store: Store, cipher: AtRestCipher, logger: Logger, fields: readonly SealedField[] = Object.values(SEALED_FIELDS)): Promise<number> {
  if (!cipher.enabled) {
    for (const field of fields) {
      if (await store.collection(field.collection).findOne({ [`${field.path}.enc`]: SEALED }, { projection: { _id: 1 } })) {
        throw new DataKeyError(`The store holds encrypted values (${field.collection}.${field.path}) and DATA_KEY is not set: start the server with the key they were encrypted with`);
      }
    }
    logger.warn('DATA_KEY is not set: webhook signing secrets, team chat robots’ URLs and secrets, and credit reports are stored unencrypted (see docs/deployment.md, Keys at rest)');
    return 0;
  }
  for (const field of fields) {
    const other = await store.collection(field.collection).findOne({ [`${field.path}.enc`]: SEALED, [`${field.path}.kid`]: { $ne: cipher.keyId } }, { projection: { _id: 1, [`${field.path}.kid`]: 1 } });
    if (other) throw new DataKeyError(`DATA_KEY is not the key the store's values were encrypted with (${field.collection} ${other._id}: key id ${String(valueAt(other, `${field.path}.kid`))}, DATA_KEY's id ${String(cipher.keyId)})`);
  }
  let sealed = 0;
  for (const field of fields) sealed += await sealPlain(store, cipher, field);
  if (sealed > 0) {
    logger.info('sealed plain values with DATA_KEY', { sealed });
    // The embedded store's older snapshot and logs still hold the plain values: a checkpoint replaces them.
    if (store instanceof EmbeddedStore) await store.checkpoint();
  }
  return sealed;
}

/** Seals a field's plain values, in batches in `_id` order. */
async function sealPlain(store: Store, cipher: AtRestCipher, field: SealedField): Promise<number> {
  const collection = store.collection<Doc>(field.collection);
  const plain = { [field.path]: { $exists: true }, [`${field.path}.enc`]: { $ne: SEALED } };
  let sealed = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await collection.find(after === undefined ? plain : { ...plain, _id: { $gt: after } }, { sort: { _id: 1 }, limit: BATCH, projection: { _id: 1, [field.path]: 1 } });
    for (const doc of batch) {
      const value = cipher.seal(valueAt(doc, field.path), field, doc._id);
      const { modifiedCount } = await collection.updateOne({ _id: doc._id, ...plain }, { $set: { [field.path]: value } });
      sealed += modifiedCount;
    }
    if (batch.length < BATCH) return sealed;
    after = batch.at(-1)!._id;
  }
}

function valueAt(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), doc);
}
