import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

// What the contract suite cannot see (MongoDB leaves the order of ties open): the embedded store sorts ties in insertion order, whichever way it finds them.
describe('the embedded store’s order of ties', () => {
  it('is insertion order after a restart too, with an index or without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-ordered-'));
    let store = await EmbeddedStore.open(dir);
    for (const name of ['byGroup', 'byGroupTime', 'none']) {
      const c = store.collection(name);
      if (name === 'byGroup') await c.createIndex({ name: 'g', keys: { g: 1 } });
      if (name === 'byGroupTime') await c.createIndex({ name: 'g_at', keys: { g: 1, at: 1 } });
      for (const id of ['k3', 'k1', 'k2']) await c.insertOne({ _id: id, g: 'x', at: 't' });
    }
    await store.close();
    store = await EmbeddedStore.open(dir);
    for (const name of ['byGroup', 'byGroupTime', 'none']) {
      const c = store.collection(name);
      // Updated first after the restart: it must keep its place.
      await c.updateOne({ _id: 'k2' }, { $set: { seen: true } });
      expect((await c.find({ g: 'x' }, { sort: { at: 1 } })).map((d) => d._id), name).toEqual(['k3', 'k1', 'k2']);
      expect((await c.find({ g: 'x' }, { sort: { at: -1 }, limit: 2 })).map((d) => d._id), name).toEqual(['k3', 'k1']);
    }
    await store.close();
  });
});
