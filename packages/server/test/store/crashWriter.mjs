// Child process of the crash test: writes in a loop and reports each acknowledged write.
import { EmbeddedStore } from '@crm-policy/server';

const store = await EmbeddedStore.open(process.argv[2]);
const claims = store.collection('claims');
await claims.createIndex({ name: 'one_active_claim_per_customer', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
const start = Number(process.argv[3] ?? 0);
for (let i = start; ; i += 1) {
  // Several writes in flight at once, as a server has: each is reported when acknowledged.
  await Promise.all(
    [0, 1, 2].map(async (k) => {
      const id = `w${i}-${k}`;
      await claims.insertOne({ _id: id, customerId: id, status: 'active', payload: 'x'.repeat(200) });
      process.stdout.write(`ack ${id}\n`);
    }),
  );
  await claims.updateOne({ _id: `w${i}-0` }, { $set: { status: 'released' } });
  process.stdout.write(`ack update w${i}-0\n`);
}
